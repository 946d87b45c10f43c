/**
 * Writes to the case projection (migration 0011): what the worker's sink reports as cases move
 * (sink.ts), and what the reconciler repairs (reconcile.ts). Every write is keyed so that the same
 * event written twice leaves the same rows: the case by its id (a later run's version wins, a
 * terminal status is never left), a visit by (case, node, visit) (its exit time is set once).
 * The case row's current nodes and due time are derived from its open visits, so they are right
 * whatever order the writes of two workers arrive in.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseEnd, CaseError, CaseStartedEvent, VisitEvent } from '../../../workflows/case-projection';
import type { NodeVisit } from '../../../workflows/messages';

/** Every status a projected case can have: the ends the workflow reports, and those only Temporal sees. */
export type ProjectedStatus = 'running' | CaseEnd | 'terminated' | 'timed_out';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Who a child case's row says started it: the engine, on its parent's behalf. */
const CHILD_STARTED_BY = 'engine';

/** current_nodes and due_at of case $1, from its visits not yet left. */
const FROM_OPEN_VISITS = `
  current_nodes = ARRAY(SELECT node_id FROM case_visits WHERE case_id = $1 AND left_at IS NULL ORDER BY entered_at, node_id),
  due_at = (SELECT min(due_at) FROM case_visits WHERE case_id = $1 AND left_at IS NULL)`;

export class ProjectionStore {
  constructor(private readonly db: Queryable) {}

  /**
   * A case's run began: its row, or (a later run, e.g. after a migration) its new version. A case
   * another started (a linked case, a subprocess's child) becomes a case in `cases` too, of the org
   * unit of its parent (migration 0023): the child's first run writes it, once, in the same statement.
   */
  async started(caseId: string, e: CaseStartedEvent): Promise<void> {
    await this.db.query(
      `WITH parent AS (SELECT id, org_unit FROM cases WHERE id = $2),
       linked AS (
         INSERT INTO cases (id, process_key, version, business_key, started_by, started_at, org_unit, state, parent_case_id)
         SELECT $1, $3, $4, NULL, $9, $8, org_unit, 'started', id FROM parent
         ON CONFLICT (id) DO NOTHING)
       INSERT INTO case_projection AS p (case_id, parent_id, process_key, version, run, org_unit, business_key, started_at, current_nodes, due_at)
       SELECT $1, $2, $3, $4, $5, COALESCE($6, (SELECT org_unit FROM parent)), $7, $8,
              ARRAY(SELECT node_id FROM case_visits WHERE case_id = $1 AND left_at IS NULL ORDER BY entered_at, node_id),
              (SELECT min(due_at) FROM case_visits WHERE case_id = $1 AND left_at IS NULL)
       ON CONFLICT (case_id) DO UPDATE SET version = EXCLUDED.version, run = EXCLUDED.run, updated_at = now() WHERE p.run < EXCLUDED.run`,
      [caseId, e.parentId ?? null, e.processKey, e.version, e.run, e.orgUnit ?? null, e.businessKey ?? null, new Date(e.startedAt), CHILD_STARTED_BY],
    );
  }

  /**
   * The `cases` rows of children among these that have a projection row and none of their own
   * (their parent's row was not there yet when they started): the reconciler's repair.
   */
  async adoptChildren(caseIds: string[]): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO cases (id, process_key, version, business_key, started_by, started_at, org_unit, state, parent_case_id)
       SELECT p.case_id, p.process_key, p.version, NULL, $2, p.started_at, parent.org_unit, 'started', parent.id
         FROM case_projection p JOIN cases parent ON parent.id = p.parent_id
        WHERE p.case_id = ANY($1)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [caseIds, CHILD_STARTED_BY],
    );
    if (rows.length) await this.db.query(`UPDATE case_projection p SET org_unit = c.org_unit FROM cases c WHERE c.id = p.case_id AND p.case_id = ANY($1) AND p.org_unit IS NULL`, [caseIds]);
    return rows.length;
  }

  /** A node entered, or left: the visit's row, then the case's current nodes. */
  async visited(caseId: string, v: VisitEvent): Promise<void> {
    await this.db.query(
      `INSERT INTO case_visits AS v (case_id, node_id, visit, process_key, version, node_type, entered_at, left_at, outcome, due_at, step, edge_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (case_id, node_id, visit) DO UPDATE
         SET left_at = COALESCE(v.left_at, EXCLUDED.left_at), outcome = COALESCE(v.outcome, EXCLUDED.outcome),
             step = COALESCE(v.step, EXCLUDED.step), edge_id = COALESCE(v.edge_id, EXCLUDED.edge_id)`,
      [caseId, v.nodeId, v.visit, v.processKey, v.version, v.type, v.enteredAt, v.leftAt ?? null, v.outcome ?? null, v.dueAt ?? null, v.step ?? null, v.edgeId ?? null],
    );
    await this.db.query(`UPDATE case_projection SET ${FROM_OPEN_VISITS}, updated_at = now() WHERE case_id = $1 AND status = 'running'`, [caseId]);
  }

  /**
   * The case ended: its status and end time, once (a case never leaves an end). Visits still open
   * (a case terminated while waiting) close at the end, so they stop counting as current. A failed
   * case keeps its error, for an answer that cannot wait for its state (engine/cases/case.service.ts).
   */
  async ended(caseId: string, status: Exclude<ProjectedStatus, 'running'>, at: Date, error?: CaseError): Promise<void> {
    const res: [unknown[], number] = await this.db.query(
      `UPDATE case_projection SET status = $2, ended_at = $3, error = $4, current_nodes = '{}', due_at = NULL, updated_at = now() WHERE case_id = $1 AND status = 'running'`,
      [caseId, status, at, error ?? null],
    );
    if (res[1] > 0) await this.db.query(`UPDATE case_visits SET left_at = $2, outcome = COALESCE(outcome, $3) WHERE case_id = $1 AND left_at IS NULL`, [caseId, at, status]);
  }

  /**
   * Where the projection says a case stands, for an answer that cannot wait for the case's live
   * state: its version and run, its current nodes, a failed case's error (none for a case the
   * reconciler ended), and its latest `keep` visits in the order they were entered (by time, then
   * by the step the workflow numbered them with), with how many earlier ones are left out (as the
   * workflow's own state bounds its visits).
   */
  async recordOf(caseId: string, keep: number): Promise<CaseRecord | undefined> {
    const [row]: { version: number; run: number; currentNodes: string[]; error: CaseError | null }[] = await this.db.query(
      `SELECT version, run, current_nodes AS "currentNodes", CASE WHEN status = 'failed' THEN error END AS error FROM case_projection WHERE case_id = $1`,
      [caseId],
    );
    if (!row) return undefined;
    const visits: (VisitRow & { total: string })[] = await this.db.query(
      `SELECT node_id AS "nodeId", node_type AS type, visit, entered_at AS "enteredAt", left_at AS "leftAt", edge_id AS "edgeId", outcome, count(*) OVER () AS total
         FROM case_visits WHERE case_id = $1 ORDER BY entered_at DESC, step DESC NULLS FIRST, visit DESC, node_id DESC LIMIT $2`,
      [caseId, keep],
    );
    const history = visits.reverse().map(({ total: _total, enteredAt, leftAt, edgeId, outcome, ...v }) => ({
      ...v,
      enteredAt: new Date(enteredAt).toISOString(),
      ...(leftAt ? { leftAt: new Date(leftAt).toISOString() } : {}),
      ...(edgeId ? { edgeId } : {}),
      ...(outcome ? { outcome } : {}),
    }));
    const dropped = visits.length ? Number(visits[0].total) - visits.length : 0;
    return { version: row.version, run: row.run, currentNodes: row.currentNodes, history, historyDropped: dropped, ...(row.error ? { error: row.error } : {}) };
  }
}

interface VisitRow {
  nodeId: string;
  type: string;
  visit: number;
  enteredAt: Date | string;
  leftAt: Date | string | null;
  edgeId: string | null;
  outcome: string | null;
}

/** What the projection keeps of where a case stands (see recordOf). */
export interface CaseRecord {
  version: number;
  run: number;
  currentNodes: string[];
  history: NodeVisit[];
  historyDropped: number;
  error?: CaseError;
}
