import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-evaluations of recent arrivals after an area was listed at a higher level (domain/riskareas).
 * A preview is kept with the cases it selected, so the confirm acts on what the supervisor saw;
 * its status moves previewed → confirming → confirmed once (one confirm wins). Each re-evaluated
 * case has one row keyed by the case: a case is re-routed once, whichever preview selected it.
 */
export class RiskReevaluations1766200000000 implements MigrationInterface {
  name = 'RiskReevaluations1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE risk_reevaluations (
        id uuid PRIMARY KEY,
        area text NOT NULL,
        level text NOT NULL,
        list_version integer NOT NULL,
        window_days integer NOT NULL,
        case_ids text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('previewed', 'confirming', 'confirmed')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by text,
        confirmed_at timestamptz,
        result jsonb
      )`);
    await q.query(`
      CREATE TABLE risk_reevaluated_cases (
        case_id text PRIMARY KEY,
        reevaluation_id uuid NOT NULL REFERENCES risk_reevaluations (id),
        org_unit text NOT NULL,
        from_outcome text NOT NULL,
        to_outcome text NOT NULL,
        new_case_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX risk_reevaluated_cases_reevaluation ON risk_reevaluated_cases (reevaluation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS risk_reevaluated_cases`);
    await q.query(`DROP TABLE IF EXISTS risk_reevaluations`);
  }
}
