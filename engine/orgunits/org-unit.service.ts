/**
 * The org-unit tree: read as a whole, edited by administrators one unit at a time. Edits are
 * serialised by a transaction-scoped advisory lock, so two moves can never cross into a cycle,
 * and each is audited in the same transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '../../language';
import { appendAudit } from '../audit/append';
import { errorCode } from '../db/pg-errors';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { OrgUnitEntity, type OrgUnitRow } from './org-unit.entity';

/** Arbitrary, fixed: identifies the org-unit tree's edit lock among PostgreSQL advisory locks. */
const TREE_LOCK = 7_274_007;

/** A unit with the units below it, as `GET /api/org-units` answers. */
export interface OrgUnitNode {
  id: string;
  name: LocalizedText;
  children: OrgUnitNode[];
}

/** A unit as an edit answers it. */
export type OrgUnitView = Pick<OrgUnitRow, 'id' | 'parentId' | 'name' | 'path'>;

const view = ({ id, parentId, name, path }: OrgUnitRow): OrgUnitView => ({ id, parentId, name, path });

const fieldProblem = (field: string, code: string, message: string) => [{ path: `body/${field}`, code, message }];

/** Reads and edits the org-unit tree. */
export class OrgUnitService {
  constructor(private readonly db: DataSource) {}

  /** The whole tree from its root, children in the order they were created. */
  async tree(): Promise<OrgUnitNode> {
    const rows = await this.db.getRepository(OrgUnitEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const nodes = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, children: [] as OrgUnitNode[] }]));
    let root: OrgUnitNode | undefined;
    for (const r of rows) {
      const node = nodes.get(r.id)!;
      if (r.parentId === null) root = node;
      else nodes.get(r.parentId)?.children.push(node);
    }
    if (!root) throw new NotFoundError('the org-unit tree has no root');
    return root;
  }

  /** One unit, or undefined. */
  find(id: string): Promise<OrgUnitRow | null> {
    return this.db.getRepository(OrgUnitEntity).findOneBy({ id });
  }

  async create(req: { id: string; parentId: string; name: LocalizedText }, actor: string): Promise<OrgUnitView> {
    return this.edit(async (m) => {
      if (await m.getRepository(OrgUnitEntity).existsBy({ id: req.id })) {
        throw new ConflictError('org_unit_exists', `org unit '${req.id}' already exists`);
      }
      const parent = await this.parent(m, req.parentId);
      const row = { id: req.id, parentId: parent.id, name: req.name, path: `${parent.path}.${req.id}` };
      await m.getRepository(OrgUnitEntity).insert(row);
      await appendAudit(m, { actor, action: 'create', kind: 'org_unit', key: req.id, detail: { parentId: parent.id, name: req.name } });
      return view(row as OrgUnitRow);
    });
  }

  /** Renames a unit, moves it under another parent (its subtree moves with it), or both. */
  async update(id: string, req: { name?: LocalizedText; parentId?: string }, actor: string): Promise<OrgUnitView> {
    return this.edit(async (m) => {
      const repo = m.getRepository(OrgUnitEntity);
      const unit = await repo.findOneBy({ id });
      if (!unit) throw new NotFoundError('org unit', id);
      const detail: Record<string, unknown> = {};
      if (req.name) {
        await repo.update({ id }, { name: req.name });
        detail.name = { before: unit.name, after: req.name };
      }
      if (req.parentId !== undefined && req.parentId !== unit.parentId) {
        if (unit.parentId === null) throw new ValidationError('org_unit_root', 'the root of the tree cannot be moved', fieldProblem('parentId', 'root', 'the root has no parent'));
        const parent = await this.parent(m, req.parentId);
        if (parent.path === unit.path || parent.path.startsWith(`${unit.path}.`)) {
          throw new ValidationError('org_unit_cycle', `'${parent.id}' lies inside '${id}': a unit cannot move below itself`, fieldProblem('parentId', 'cycle', 'is the unit itself or below it'));
        }
        const path = `${parent.path}.${id}`;
        await m.query(`UPDATE org_units SET path = $1 || substr(path, length($2) + 1) WHERE path = $2 OR path LIKE $3`, [path, unit.path, `${unit.path}.%`]);
        await repo.update({ id }, { parentId: parent.id });
        detail.parentId = { before: unit.parentId, after: parent.id };
      }
      const after = await repo.findOneByOrFail({ id });
      if (Object.keys(detail).length > 0) await appendAudit(m, { actor, action: 'update', kind: 'org_unit', key: id, detail });
      return view(after);
    });
  }

  /** Removes a unit nothing refers to: no unit below it, no case, task or account in it. */
  async remove(id: string, actor: string): Promise<{ removed: string }> {
    return this.edit(async (m) => {
      const unit = await m.getRepository(OrgUnitEntity).findOneBy({ id });
      if (!unit) throw new NotFoundError('org unit', id);
      const uses = await references(m, id);
      if (uses.length > 0) {
        throw new ConflictError('org_unit_in_use', `org unit '${id}' is still referred to (${uses.map((u) => `${u.count} in ${u.table}`).join(', ')}): move or remove those first`);
      }
      try {
        await m.getRepository(OrgUnitEntity).delete({ id });
      } catch (err) {
        // A reference written since the count (a case started there meanwhile).
        if (errorCode(err) === '23503') throw new ConflictError('org_unit_in_use', `org unit '${id}' is still referred to`);
        throw err;
      }
      await appendAudit(m, { actor, action: 'remove', kind: 'org_unit', key: id, detail: { parentId: unit.parentId, name: unit.name } });
      return { removed: id };
    });
  }

  private edit<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      return work(m);
    });
  }

  private async parent(m: EntityManager, parentId: string): Promise<OrgUnitRow> {
    const parent = await m.getRepository(OrgUnitEntity).findOneBy({ id: parentId });
    if (!parent) throw new ValidationError('unknown_org_unit', `org unit '${parentId}' does not exist`, fieldProblem('parentId', 'unknown', 'names no org unit'));
    return parent;
  }
}

/**
 * What refers to a unit, table by table: every foreign key onto org_units counts (units below it,
 * cases, tasks), so a table that gains a unit column is covered without a change here; and the
 * accounts that belong to it.
 */
async function references(m: EntityManager, id: string): Promise<{ table: string; count: number }[]> {
  const keys: { table_name: string; column_name: string }[] = await m.query(`
    SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = 'org_units'::regclass AND array_length(c.conkey, 1) = 1
     ORDER BY 1, 2`);
  const uses: { table: string; count: number }[] = [];
  for (const k of keys) {
    const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM ${quoteIdent(k.table_name)} WHERE ${quoteIdent(k.column_name)} = $1`, [id]);
    if (n > 0) uses.push({ table: k.table_name, count: n });
  }
  // Accounts list their units in an array, which no foreign key can guard.
  const [{ n: accounts }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM users WHERE $1 = ANY(org_units)`, [id]);
  if (accounts > 0) uses.push({ table: 'users', count: accounts });
  return uses;
}

/** A name from the catalogue as an SQL identifier (regclass text may already carry quotes or a schema). */
function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => (part.startsWith('"') ? part : `"${part.replace(/"/g, '""')}"`))
    .join('.');
}
