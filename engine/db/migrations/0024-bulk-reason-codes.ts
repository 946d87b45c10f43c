import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bulk job's item keeps why it was done, skipped or failed as a code and its values
 * (language/bulk-reasons.ts) beside the English reason, so a UI words it in its own language.
 * Items settled before this keep their reason's text alone.
 */
export class BulkReasonCodes1766500000000 implements MigrationInterface {
  name = 'BulkReasonCodes1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bulk_job_items ADD COLUMN IF NOT EXISTS reason_code text, ADD COLUMN IF NOT EXISTS reason_params jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bulk_job_items DROP COLUMN IF EXISTS reason_params, DROP COLUMN IF EXISTS reason_code`);
  }
}
