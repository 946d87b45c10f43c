import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published version may take effect later than its publication (a rule set scheduled for
 * 00:00 tomorrow): effective_at holds that moment, null meaning on publish
 * (engine/documents/activation.ts).
 */
export class ScheduledVersions1765100000000 implements MigrationInterface {
  name = 'ScheduledVersions1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document_versions ADD COLUMN IF NOT EXISTS effective_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document_versions DROP COLUMN IF EXISTS effective_at`);
  }
}
