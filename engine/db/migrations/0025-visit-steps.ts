import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A visit's place in its case's path (1 for the first node entered, counting across runs), as the
 * workflow numbers it. Visits entered in one workflow task share a time, so the time alone cannot
 * put a case's path back in order when it is read from the projection. Visits recorded before this
 * have none and sort by time alone.
 */
export class VisitSteps1766600000000 implements MigrationInterface {
  name = 'VisitSteps1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_visits ADD COLUMN IF NOT EXISTS step integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_visits DROP COLUMN IF EXISTS step`);
  }
}
