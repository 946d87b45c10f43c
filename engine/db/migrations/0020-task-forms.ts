import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task forms designed in the editor: a third kind of versioned document (`form`, beside processes
 * and rule sets, on the same tables and lifecycle), and on a task the form version it opened with
 * (`form_ref`: key and version), which renders its page and checks its completion all its life.
 */
export class TaskForms1766100000000 implements MigrationInterface {
  name = 'TaskForms1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP CONSTRAINT IF EXISTS documents_kind_check`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('process', 'ruleset', 'form'))`);
    await q.query(`ALTER TABLE tasks ADD COLUMN IF NOT EXISTS form_ref jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN IF EXISTS form_ref`);
    await q.query(`DELETE FROM document_versions WHERE kind = 'form'`);
    await q.query(`DELETE FROM documents WHERE kind = 'form'`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT IF EXISTS documents_kind_check`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('process', 'ruleset'))`);
  }
}
