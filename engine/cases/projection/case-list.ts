/**
 * The case list, served from the case projection (store.ts): every filter of the list screen as
 * one SQL query on indexed columns, a page at a time by keyset (sort time, case id) behind a
 * signed cursor (http/cursor.ts), and a total counted exactly up to 10,000 and estimated by the
 * planner beyond, so a count never reads 100,000 rows.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { identifier, resourceKey } from '../../../language';
import { ValidationError } from '../../errors';
import { openCursor, sealCursor } from '../../http/cursor';
import { limit, versionNumber } from '../../http/params';
import { orgUnitId } from '../../orgunits/org-unit-id';
import type { OrgScope } from '../../orgunits/scope';
import { hashBusinessKey, legacyHashBusinessKey } from '../business-key';

export const listStatuses = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'] as const;

/** An instant: an ISO date-time with its offset, or a date (its start, UTC), in years PostgreSQL and people use. */
export const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 9999, 'is not between the years 1900 and 9999')
  .describe('ISO 8601 date-time with offset, or a date (its start, UTC)');
const flag = z.enum(['true', 'false']).transform((s) => s === 'true');

/** At most this many rows are counted; beyond, the total is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/** A case's end as the end-sort index holds it (migration 0011): not yet ended sorts as ending at infinity. */
const ENDED_AT = `COALESCE(p.ended_at, 'infinity'::timestamptz)`;

export const caseListQuery = z
  .object({
    processKey: resourceKey.optional(),
    version: versionNumber.optional().describe('Cases now running (or ended) in this version'),
    status: z.enum(listStatuses).optional(),
    node: identifier.optional().describe('Cases now at this node'),
    orgUnit: orgUnitId.optional().describe("Cases of this unit and the units below it (within the caller's own)"),
    businessKey: z.string().min(1).max(200).optional().describe('The exact business key (e.g. an ID number); matched through its hash'),
    startedFrom: instant.optional().describe('Started at or after'),
    startedTo: instant.optional().describe('Started before'),
    endedFrom: instant.optional().describe('Ended at or after'),
    endedTo: instant.optional().describe('Ended before'),
    hasIncident: flag.optional(),
    overdue: flag.optional().describe('Running cases with a task past its deadline'),
    sort: z.enum(['startedAt', 'endedAt']).default('startedAt').describe('A case not yet ended sorts as ending last'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit,
    cursor: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    for (const [from, to] of [['startedFrom', 'startedTo'], ['endedFrom', 'endedTo']] as const) {
      const a = q[from];
      const b = q[to];
      if (a && b && a.getTime() > b.getTime()) ctx.addIssue({ code: 'custom', path: [to], message: `is before ${from}` });
    }
  });

export type CaseListQuery = z.infer<typeof caseListQuery>;

export interface CaseListItem {
  caseId: string;
  processKey: string;
  version: number;
  status: string;
  currentNodes: string[];
  orgUnit: string | null;
  parentId: string | null;
  startedAt: string;
  endedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  hasIncident: boolean;
}

export interface CaseListPage {
  items: CaseListItem[];
  nextCursor: string | null;
  /** How many cases match: exact when `totalExact`, else the planner's estimate (over 10,000). */
  total: number;
  totalExact: boolean;
}

interface Row {
  case_id: string;
  process_key: string;
  version: number;
  status: string;
  current_nodes: string[];
  org_unit: string | null;
  parent_id: string | null;
  started_at: Date;
  ended_at: Date | null;
  due_at: Date | null;
  has_incident: boolean;
  sort_at: Date | number;
}

/** WHERE clauses with their parameters, numbered as they are added. */
class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  add(sql: (p: (value: unknown) => string) => string): void {
    this.clauses.push(sql((value) => `$${this.params.push(value)}`));
  }
  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export class CaseList {
  constructor(
    private readonly db: Pick<DataSource, 'query'>,
    private readonly secrets: { hash: Buffer; cursor: Buffer },
  ) {}

  async list(q: CaseListQuery, scope: OrgScope): Promise<CaseListPage> {
    const where = await this.filters(q, scope);
    if (!where) return { items: [], nextCursor: null, total: 0, totalExact: true };
    const sortExpr = q.sort === 'startedAt' ? 'p.started_at' : ENDED_AT;
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const listing = this.listingOf(q);
    const page = new Where();
    page.clauses.push(...where.clauses);
    page.params.push(...where.params);
    if (q.cursor) {
      const [at, id] = parseKey(openCursor(q.cursor, listing, this.secrets.cursor));
      page.add((p) => `(${sortExpr}, p.case_id) ${dir === 'ASC' ? '>' : '<'} (${p(at)}::timestamptz, ${p(id)})`);
    }
    // The page and the total are independent reads: on two connections at once, the answer waits for the slower only.
    const [rows, total] = await Promise.all([this.rows(page, sortExpr, dir, q.limit + 1), this.count(where)]);
    const more = rows.length > q.limit;
    const shown = rows.slice(0, q.limit);
    const last = shown[shown.length - 1];
    const now = Date.now();
    return {
      items: shown.map((r) => ({
        caseId: r.case_id,
        processKey: r.process_key,
        version: r.version,
        status: r.status,
        currentNodes: r.current_nodes,
        orgUnit: r.org_unit,
        parentId: r.parent_id,
        startedAt: r.started_at.toISOString(),
        endedAt: r.ended_at?.toISOString() ?? null,
        dueAt: r.due_at?.toISOString() ?? null,
        overdue: r.status === 'running' && r.due_at !== null && r.due_at.getTime() < now,
        hasIncident: r.has_incident,
      })),
      nextCursor: more && last ? sealCursor(Buffer.from(JSON.stringify([keyTime(last.sort_at), last.case_id])), listing, this.secrets.cursor) : null,
      ...total,
    };
  }

  private rows(where: Where, sortExpr: string, dir: 'ASC' | 'DESC', limit: number): Promise<Row[]> {
    return this.db.query(
      `SELECT p.case_id, p.process_key, p.version, p.status, p.current_nodes, p.org_unit, p.parent_id, p.started_at, p.ended_at, p.due_at, p.has_incident,
              ${sortExpr} AS sort_at
         FROM case_projection p ${where.sql}
        ORDER BY ${sortExpr} ${dir}, p.case_id ${dir}
        LIMIT ${limit}`,
      where.params,
    );
  }

  /** The listing a cursor belongs to: every filter and the order, not the page size. */
  private listingOf(q: CaseListQuery): string {
    const { limit: _limit, cursor: _cursor, ...rest } = q;
    return `cases:${JSON.stringify(rest)}`;
  }

  /** The WHERE of the query, or undefined when nothing can match (no unit in scope). */
  private async filters(q: CaseListQuery, scope: OrgScope): Promise<Where | undefined> {
    const w = new Where();
    let units = scope.unitIds;
    // The subtree's ids are read first: as a list of values the planner can still walk the sort index.
    if (q.orgUnit) {
      const subtree = await this.subtree(q.orgUnit);
      units = units ? subtree.filter((id) => units!.includes(id)) : subtree;
    }
    if (units?.length === 0) return undefined;
    if (units) w.add((p) => `p.org_unit = ANY(${p(units)})`);
    if (q.processKey) w.add((p) => `p.process_key = ${p(q.processKey)}`);
    if (q.version !== undefined) w.add((p) => `p.version = ${p(q.version)}`);
    if (q.status) w.add((p) => `p.status = ${p(q.status)}`);
    if (q.node) w.add((p) => `p.current_nodes @> ARRAY[${p(q.node)}]::text[]`);
    if (q.businessKey !== undefined) {
      const hashes = await this.businessKeyHashes(q.businessKey, q.processKey);
      w.add((p) => `p.business_key = ANY(${p(hashes)})`);
    }
    if (q.startedFrom) w.add((p) => `p.started_at >= ${p(q.startedFrom)}`);
    if (q.startedTo) w.add((p) => `p.started_at < ${p(q.startedTo)}`);
    // Written on the end-sort index's expression, so a range of ends reads that index.
    if (q.endedFrom || q.endedTo) w.clauses.push('p.ended_at IS NOT NULL');
    if (q.endedFrom) w.add((p) => `${ENDED_AT} >= ${p(q.endedFrom)}`);
    if (q.endedTo) w.add((p) => `${ENDED_AT} < ${p(q.endedTo)}`);
    if (q.hasIncident !== undefined) w.add((p) => `p.has_incident = ${p(q.hasIncident)}`);
    if (q.overdue === true) w.clauses.push(`(p.status = 'running' AND p.due_at < now())`);
    if (q.overdue === false) w.clauses.push(`NOT (p.status = 'running' AND p.due_at IS NOT NULL AND p.due_at < now())`);
    return w;
  }

  /** The ids of a unit and of the units below it (none for a unit that does not exist). */
  private async subtree(unit: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT u.id FROM org_units u, org_units top WHERE top.id = $1 AND (u.path = top.path OR u.path LIKE top.path || '.%')`,
      [unit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A business key's hashes: keyed by the process, so for one process, or for each process there
   * is when none is named; cases from before keyed ids carry the unkeyed hash (business-key.ts).
   */
  private async businessKeyHashes(businessKey: string, processKey?: string): Promise<string[]> {
    const keys = processKey ? [processKey] : ((await this.db.query(`SELECT key FROM documents WHERE kind = 'process'`)) as { key: string }[]).map((r) => r.key);
    return keys.flatMap((k) => [hashBusinessKey(this.secrets.hash, k, businessKey), legacyHashBusinessKey(k, businessKey)]);
  }

  private async count(where: Where): Promise<{ total: number; totalExact: boolean }> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM case_projection p ${where.sql} LIMIT ${EXACT_COUNT_LIMIT + 1}) c`,
      where.params,
    );
    if (n <= EXACT_COUNT_LIMIT) return { total: n, totalExact: true };
    const [plan]: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await this.db.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM case_projection p ${where.sql}`, where.params);
    return { total: Math.max(EXACT_COUNT_LIMIT + 1, Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows'])), totalExact: false };
  }
}

/** The sort time as the cursor keeps it: ISO, or 'infinity' for a case not yet ended (which pg reads as Infinity). */
function keyTime(v: Date | number): string {
  return v instanceof Date ? v.toISOString() : 'infinity';
}

function parseKey(token: Buffer): [string, string] {
  try {
    const key: unknown = JSON.parse(token.toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string') return [key[0], key[1]];
  } catch {
    // Refused below: a cursor signed by this server always parses, so this is a key rotated away.
  }
  throw new ValidationError('invalid_query', 'the request query is invalid', [{ path: 'query/cursor', code: 'invalid_cursor', message: 'is not a cursor of this listing' }], 400);
}
