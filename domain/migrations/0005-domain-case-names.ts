import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The domain tables' references to a case are `case_id`, as everywhere else. */
export class DomainCaseNames1764600000001 implements MigrationInterface {
  name = 'DomainCaseNames1764600000001';

  private readonly tables = ['registrations', 'document_checks', 'lab_tests', 'site_assignments', 'notices', 'escalations', 'release_records', 'trace_codes'];

  async up(q: QueryRunner): Promise<void> {
    for (const t of this.tables) await q.query(`ALTER TABLE ${t} RENAME COLUMN instance_id TO case_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of this.tables) await q.query(`ALTER TABLE ${t} RENAME COLUMN case_id TO instance_id`);
  }
}
