import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents (engine/incidents/): a step that failed for good and waits, at its node, for an
 * operator. The interpreter records one as it opens (an insert keyed by the incident id, so a
 * retried record writes once); the API claims it to resolve it (open → resolving → resolved).
 * The list filters by status and process, and a case page lists its case's.
 */
export class Incidents1765300000000 implements MigrationInterface {
  name = 'Incidents1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS incidents (
        id text PRIMARY KEY,
        case_id text NOT NULL,
        process_key text NOT NULL,
        version integer NOT NULL,
        node_id text NOT NULL,
        visit integer NOT NULL,
        error text NOT NULL,
        error_type text,
        attempts integer NOT NULL,
        org_unit text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolving', 'resolved')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        action text CHECK (action IN ('retry', 'skip', 'fail', 'case_ended')),
        outcome text,
        comment text,
        output jsonb,
        resolved_by text,
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS incidents_status ON incidents (status, opened_at DESC)`);
    await q.query(`CREATE INDEX IF NOT EXISTS incidents_process ON incidents (process_key, opened_at DESC)`);
    await q.query(`CREATE INDEX IF NOT EXISTS incidents_case ON incidents (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS incidents`);
  }
}
