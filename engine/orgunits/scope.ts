/**
 * What a principal may see of cases and tasks: the units inside the subtrees of its own units.
 * One scope per request gives every read its filter: a SQL predicate for lists, a check for a
 * single object (outside answers 404, so an object's existence is never disclosed), and the
 * unit ids for Temporal's visibility query. Administrators and auditors see every unit; an
 * auditor's permissions hold no write, so seeing all is reading all, masked.
 */
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { RoleName } from '../auth/permissions';
import { NotFoundError } from '../errors';

/** Roles that see the whole tree whatever their units. */
const CITY_WIDE: ReadonlySet<RoleName> = new Set(['admin', 'auditor']);

/** The part of a principal a scope is drawn from. */
export type ScopedPrincipal = Pick<Principal, 'roles' | 'orgUnits'>;

/** The units a principal may see: all of them, or a set of ids. */
export class OrgScope {
  private constructor(private readonly units: ReadonlySet<string> | undefined) {}

  /** Every unit: no filter. */
  static readonly everything = new OrgScope(undefined);

  /** Just these units. */
  static of(ids: Iterable<string>): OrgScope {
    return new OrgScope(new Set(ids));
  }

  /** True when nothing is filtered. */
  get all(): boolean {
    return this.units === undefined;
  }

  /** The ids inside, or undefined when every unit is. */
  get unitIds(): string[] | undefined {
    return this.units && [...this.units];
  }

  /** Whether an object of this unit is visible. */
  includes(orgUnit: string): boolean {
    return this.units === undefined || this.units.has(orgUnit);
  }

  /**
   * A WHERE predicate on `column` for TypeORM's query builder with its parameters, or undefined
   * when nothing is filtered. The parameter name is derived from the column, so two predicates can
   * share a query.
   */
  predicate(column: string): { sql: string; params: Record<string, unknown> } | undefined {
    if (!this.units) return undefined;
    const name = `scope_${column.replace(/\W/g, '_')}`;
    return { sql: `${column} = ANY(:${name})`, params: { [name]: [...this.units] } };
  }

  /** Answers the object when its unit is inside; otherwise 404, as if it did not exist. */
  visible<T extends { orgUnit: string }>(row: T | null | undefined, what: string, id: string): T {
    if (!row || !this.includes(row.orgUnit)) throw new NotFoundError(what, id);
    return row;
  }
}

/**
 * The scope of a principal: every unit for administrators and auditors, and for a member of the
 * root (whose subtree is the whole tree, rows from before org units included); else the subtrees
 * of its units.
 */
export async function scopeOf(db: DataSource, principal: ScopedPrincipal): Promise<OrgScope> {
  if (principal.roles.some((r) => CITY_WIDE.has(r))) return OrgScope.everything;
  if (principal.orgUnits.length === 0) return OrgScope.of([]);
  const paths: { path: string }[] = await db.query(`SELECT path FROM org_units WHERE id = ANY($1)`, [principal.orgUnits]);
  if (paths.some((p) => !p.path.includes('.'))) return OrgScope.everything;
  return OrgScope.of(await below(db, paths.map((p) => p.path)));
}

/** The ids of the units at these paths and below them. */
async function below(db: DataSource, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const rows: { id: string }[] = await db.query(`SELECT id FROM org_units WHERE path = ANY($1) OR path LIKE ANY($2)`, [
    paths,
    // Ids hold neither % nor _ (the table's check), so a path is a literal LIKE prefix.
    paths.map((p) => `${p}.%`),
  ]);
  return rows.map((r) => r.id);
}
