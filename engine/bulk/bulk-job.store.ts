/**
 * The bulk jobs' two tables (migration 0015): a job and its frozen items. Every change of an
 * item's status is conditional on the status it leaves, so of two attempts at one item (a retried
 * batch beside a slow one) only one claims it, and only the claimant records its outcome.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { RoleName } from '../auth/permissions';
import type { BulkReasonCode, BulkReasonParams } from '../../language';
import type { BulkAction, Reason } from './bulk-action';

export type JobStatus = 'running' | 'cancelling' | 'completed' | 'cancelled';
export type ItemStatus = 'pending' | 'acting' | 'done' | 'skipped' | 'failed';
export const ITEM_STATUSES: readonly ItemStatus[] = ['pending', 'acting', 'done', 'skipped', 'failed'];

/** Who the job acts as: its starter, as they were when it started, under a name of the job's own in the audit trail. */
export interface StoredPrincipal {
  userId: string;
  username: string;
  roles: RoleName[];
  permissions: string[];
  orgUnits: string[];
  groups: string[];
  locale: 'zh-CN' | 'en';
}

export interface JobRow {
  id: string;
  action: BulkAction;
  filter: Record<string, unknown>;
  orgUnit: string;
  status: JobStatus;
  total: number;
  ratePerSecond: number;
  startedBy: string;
  principal: StoredPrincipal;
  createdAt: Date;
  endedAt: Date | null;
}

export interface ItemRow {
  seq: number;
  caseId: string;
  status: ItemStatus;
  /** In English, for API clients and the report. */
  reason: string | null;
  /** The reason as a code and its values (migration 0024), for a UI to word; null on items settled before it. */
  reasonCode: BulkReasonCode | null;
  reasonParams: BulkReasonParams | null;
  updatedAt: Date | null;
}

const JOB_COLUMNS = `id, action, filter, org_unit AS "orgUnit", status, total, rate_per_second AS "ratePerSecond", started_by AS "startedBy", principal, created_at AS "createdAt", ended_at AS "endedAt"`;
const ITEM_COLUMNS = `seq, case_id AS "caseId", status, reason, reason_code AS "reasonCode", reason_params AS "reasonParams", updated_at AS "updatedAt"`;
/** Items inserted per statement when a job starts. */
const INSERT_CHUNK = 1000;

type Db = DataSource | EntityManager;

export async function insertJob(db: DataSource, job: Omit<JobRow, 'createdAt' | 'endedAt' | 'total'>, caseIds: string[]): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(
      `INSERT INTO bulk_jobs (id, action, filter, org_unit, status, total, rate_per_second, started_by, principal) VALUES ($1, $2::jsonb, $3::jsonb, $4, $5, $6, $7, $8, $9::jsonb)`,
      [job.id, JSON.stringify(job.action), JSON.stringify(job.filter), job.orgUnit, job.status, caseIds.length, job.ratePerSecond, job.startedBy, JSON.stringify(job.principal)],
    );
    for (let i = 0; i < caseIds.length; i += INSERT_CHUNK) {
      const chunk = caseIds.slice(i, i + INSERT_CHUNK);
      await m.query(`INSERT INTO bulk_job_items (job_id, seq, case_id) SELECT $1, $2::int + n, id FROM unnest($3::text[]) WITH ORDINALITY AS t(id, n)`, [job.id, i, chunk]);
    }
  });
}

export async function jobRow(db: Db, id: string): Promise<JobRow | undefined> {
  const [row] = (await db.query(`SELECT ${JOB_COLUMNS} FROM bulk_jobs WHERE id = $1`, [id])) as JobRow[];
  return row;
}

/** Jobs of these org units (all when undefined), newest first. */
export async function jobRows(db: Db, units: string[] | undefined, limit: number): Promise<JobRow[]> {
  return db.query(`SELECT ${JOB_COLUMNS} FROM bulk_jobs WHERE ($1::text[] IS NULL OR org_unit = ANY($1)) ORDER BY created_at DESC, id DESC LIMIT $2`, [units ?? null, limit]);
}

/** How many items are in each status. */
export async function itemCounts(db: Db, jobId: string): Promise<Record<ItemStatus, number>> {
  const rows: { status: ItemStatus; n: string }[] = await db.query(`SELECT status, count(*) AS n FROM bulk_job_items WHERE job_id = $1 GROUP BY status`, [jobId]);
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Items after `afterSeq` in order, of one status when given. */
export async function itemRows(db: Db, jobId: string, opts: { status?: ItemStatus; afterSeq?: number; limit?: number }): Promise<ItemRow[]> {
  return db.query(
    `SELECT ${ITEM_COLUMNS} FROM bulk_job_items WHERE job_id = $1 AND ($2::text IS NULL OR status = $2) AND seq > $3 ORDER BY seq LIMIT $4`,
    [jobId, opts.status ?? null, opts.afterSeq ?? 0, opts.limit ?? null],
  );
}

/** Claims a pending item for acting; false when another attempt has it or it is settled. */
export async function claimItem(db: Db, jobId: string, seq: number): Promise<boolean> {
  // Wrapped in a WITH: TypeORM answers a bare UPDATE with its count, not its rows.
  const rows: unknown[] = await db.query(`WITH claimed AS (UPDATE bulk_job_items SET status = 'acting', updated_at = now() WHERE job_id = $1 AND seq = $2 AND status = 'pending' RETURNING seq) SELECT seq FROM claimed`, [jobId, seq]);
  return rows.length === 1;
}

/** Gives back a claimed item nothing was done to (its check could not run), for the retry to take. */
export async function releaseItem(db: Db, jobId: string, seq: number): Promise<void> {
  await db.query(`UPDATE bulk_job_items SET status = 'pending' WHERE job_id = $1 AND seq = $2 AND status = 'acting'`, [jobId, seq]);
}

/** Records the outcome of an item this attempt claimed. */
export async function settleItem(db: Db, jobId: string, seq: number, status: 'done' | 'skipped' | 'failed', reason: Reason): Promise<void> {
  await db.query(
    `UPDATE bulk_job_items SET status = $3, reason = $4, reason_code = $5, reason_params = $6::jsonb, updated_at = now() WHERE job_id = $1 AND seq = $2 AND status = 'acting'`,
    [jobId, seq, status, reason.reason.slice(0, 1000), reason.reasonCode, reason.reasonParams ? JSON.stringify(reason.reasonParams) : null],
  );
}

/** Ends a job: its status, and its pending items skipped with `reason` (none are left pending on completion). */
export async function endJob(db: DataSource, jobId: string, status: 'completed' | 'cancelled', reason: Reason): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(`UPDATE bulk_job_items SET status = 'skipped', reason = $2, reason_code = $3, updated_at = now() WHERE job_id = $1 AND status = 'pending'`, [jobId, reason.reason, reason.reasonCode]);
    await m.query(`UPDATE bulk_jobs SET status = $2, ended_at = COALESCE(ended_at, now()) WHERE id = $1`, [jobId, status]);
  });
}

/** Marks a running job as being cancelled; false when it is not running. */
export async function markCancelling(db: Db, jobId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`WITH marked AS (UPDATE bulk_jobs SET status = 'cancelling' WHERE id = $1 AND status = 'running' RETURNING id) SELECT id FROM marked`, [jobId]);
  return rows.length === 1;
}
