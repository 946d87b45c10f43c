import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case projection (engine/cases/projection/): one row per case with what the case list filters
 * on, and one row per node visit. Temporal holds the truth; the worker writes these as cases move
 * (workflows/case-projection.ts) and the API's reconciler repairs drift from Temporal's visibility.
 * Writes are keyed by case and by (case, node, visit), so writing an event twice changes nothing.
 * has_incident is set by the incident handling (a case waiting at a node with an incident).
 */
export class CaseProjection1765200000000 implements MigrationInterface {
  name = 'CaseProjection1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS case_projection (
        case_id text PRIMARY KEY,
        parent_id text,
        process_key text NOT NULL,
        version integer NOT NULL,
        run integer NOT NULL DEFAULT 1,
        org_unit text,
        business_key text,
        status text NOT NULL DEFAULT 'running',
        current_nodes text[] NOT NULL DEFAULT '{}',
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        due_at timestamptz,
        has_incident boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS case_visits (
        case_id text NOT NULL,
        node_id text NOT NULL,
        visit integer NOT NULL,
        process_key text NOT NULL,
        version integer NOT NULL,
        node_type text NOT NULL,
        entered_at timestamptz NOT NULL,
        left_at timestamptz,
        outcome text,
        due_at timestamptz,
        PRIMARY KEY (case_id, node_id, visit)
      )`);
    // The list pages by (sort time, case id); each filter that narrows a lot has an index leading with it.
    const indexes = [
      `case_projection_started ON case_projection (started_at DESC, case_id DESC)`,
      // A case not yet ended sorts as ending at infinity: last going up, first going down.
      `case_projection_ended ON case_projection ((COALESCE(ended_at, 'infinity'::timestamptz)) DESC, case_id DESC)`,
      `case_projection_process ON case_projection (process_key, version, started_at DESC)`,
      `case_projection_status ON case_projection (status, started_at DESC)`,
      `case_projection_unit ON case_projection (org_unit, started_at DESC)`,
      `case_projection_key ON case_projection (business_key) WHERE business_key IS NOT NULL`,
      `case_projection_nodes ON case_projection USING gin (current_nodes)`,
      `case_projection_incident ON case_projection (started_at DESC) WHERE has_incident`,
      `case_projection_due ON case_projection (due_at) WHERE status = 'running' AND due_at IS NOT NULL`,
      // The heatmap: a process's visits that ended in a period.
      `case_visits_left ON case_visits (process_key, left_at) INCLUDE (node_id, version, entered_at)`,
    ];
    for (const ix of indexes) await q.query(`CREATE INDEX IF NOT EXISTS ${ix}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_visits`);
    await q.query(`DROP TABLE IF EXISTS case_projection`);
  }
}
