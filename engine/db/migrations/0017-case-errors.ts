import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The error that failed a case, kept in its projection row when it ends (workflows/case-projection.ts).
 * A case's answer reads its state by a query that a worker answers by replaying the case; when no
 * worker answers in time (all busy replaying, or none serving the case's queue), the answer still
 * says why the case failed, from here.
 */
export class CaseErrors1765800000000 implements MigrationInterface {
  name = 'CaseErrors1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_projection ADD COLUMN IF NOT EXISTS error jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_projection DROP COLUMN IF EXISTS error`);
  }
}
