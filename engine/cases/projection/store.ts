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

/** Every status a projected case can have: the ends the workflow reports, and those only Temporal sees. */
export type ProjectedStatus = 'running' | CaseEnd | 'terminated' | 'timed_out';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** current_nodes and due_at of case $1, from its visits not yet left. */
const FROM_OPEN_VISITS = `
  current_nodes = ARRAY(SELECT node_id FROM case_visits WHERE case_id = $1 AND left_at IS NULL ORDER BY entered_at, node_id),
  due_at = (SELECT min(due_at) FROM case_visits WHERE case_id = $1 AND left_at IS NULL)`;

export class ProjectionStore {
  constructor(private readonly db: Queryable) {}

  /** A case's run began: its row, or (a later run, e.g. after a migration) its new version. */
  async started(caseId: string, e: CaseStartedEvent): Promise<void> {
    await this.db.query(
      `INSERT INTO case_projection AS p (case_id, parent_id, process_key, version, run, org_unit, business_key, started_at, current_nodes, due_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8,
              ARRAY(SELECT node_id FROM case_visits WHERE case_id = $1 AND left_at IS NULL ORDER BY entered_at, node_id),
              (SELECT min(due_at) FROM case_visits WHERE case_id = $1 AND left_at IS NULL)
       ON CONFLICT (case_id) DO UPDATE SET version = EXCLUDED.version, run = EXCLUDED.run, updated_at = now() WHERE p.run < EXCLUDED.run`,
      [caseId, e.parentId ?? null, e.processKey, e.version, e.run, e.orgUnit ?? null, e.businessKey ?? null, new Date(e.startedAt)],
    );
  }

  /** A node entered, or left: the visit's row, then the case's current nodes. */
  async visited(caseId: string, v: VisitEvent): Promise<void> {
    await this.db.query(
      `INSERT INTO case_visits AS v (case_id, node_id, visit, process_key, version, node_type, entered_at, left_at, outcome, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (case_id, node_id, visit) DO UPDATE
         SET left_at = COALESCE(v.left_at, EXCLUDED.left_at), outcome = COALESCE(v.outcome, EXCLUDED.outcome)`,
      [caseId, v.nodeId, v.visit, v.processKey, v.version, v.type, v.enteredAt, v.leftAt ?? null, v.outcome ?? null, v.dueAt ?? null],
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

  /** The error a failed case ended with, as its sink reported it (none for a case the reconciler ended). */
  async errorOf(caseId: string): Promise<CaseError | undefined> {
    const rows: { error: CaseError | null }[] = await this.db.query(`SELECT error FROM case_projection WHERE case_id = $1 AND status = 'failed'`, [caseId]);
    return rows[0]?.error ?? undefined;
  }
}
