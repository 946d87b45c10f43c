import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a case's path read from the projection needs to match the workflow's own: a visit's place
 * in the path (1 for the first node entered, counting across runs), as the workflow numbers it, and
 * the edge the case left the node by. Visits entered in one workflow task share a time, so the time
 * alone cannot put a path back in order. Visits recorded before this have neither: they sort by
 * time alone, and the edges they took are not marked.
 */
export class VisitSteps1766600000000 implements MigrationInterface {
  name = 'VisitSteps1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_visits ADD COLUMN IF NOT EXISTS step integer, ADD COLUMN IF NOT EXISTS edge_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_visits DROP COLUMN IF EXISTS edge_id, DROP COLUMN IF EXISTS step`);
  }
}
