import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk jobs (engine/bulk/): one action on many cases, run by a durable workflow. The selection is
 * frozen as the job starts (one item per case, in order), and each item records what became of it,
 * so a retried batch or a restarted worker never acts twice on one case: only a 'pending' item is
 * claimed ('acting'), and an item found 'acting' is settled from the audit trail, never repeated.
 */
export class BulkJobs1765600000000 implements MigrationInterface {
  name = 'BulkJobs1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS bulk_jobs (
        id text PRIMARY KEY,
        action jsonb NOT NULL,
        filter jsonb NOT NULL,
        org_unit text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'cancelling', 'completed', 'cancelled')),
        total integer NOT NULL,
        rate_per_second integer NOT NULL,
        started_by text NOT NULL,
        principal jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS bulk_jobs_created ON bulk_jobs (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS bulk_job_items (
        job_id text NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        case_id text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acting', 'done', 'skipped', 'failed')),
        reason text,
        updated_at timestamptz,
        PRIMARY KEY (job_id, seq)
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS bulk_job_items_status ON bulk_job_items (job_id, status, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS bulk_job_items`);
    await q.query(`DROP TABLE IF EXISTS bulk_jobs`);
  }
}
