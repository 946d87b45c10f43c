import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily dispatch (domain/dispatch): each day's report per district and for the city, kept.
 * A day's report is never overwritten: the scheduled run keeps revision 1 and leaves a day that
 * has one alone; a report generated on demand is the next revision beside the earlier ones.
 *
 * And the indexes the report's queries read through (domain/dispatch/compile.ts): registrations
 * by kind and time, escalations and release records by time, the keys from a case to its
 * registrations, and tasks by when they were done (open ones last), so tasks still open or done
 * that day are one index range, not a scan of every task ever closed.
 */
export class DailyDispatch1766000000000 implements MigrationInterface {
  name = 'DailyDispatch1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dispatch_reports (
        id uuid PRIMARY KEY,
        day date NOT NULL,
        org_unit text NOT NULL REFERENCES org_units (id),
        revision integer NOT NULL CHECK (revision >= 1),
        figures jsonb NOT NULL,
        as_of timestamptz NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now(),
        generated_by text NOT NULL,
        UNIQUE (day, org_unit, revision)
      )`);
    await q.query(`CREATE INDEX dispatch_reports_recent ON dispatch_reports (day DESC, org_unit, revision DESC)`);
    await q.query(`CREATE INDEX registrations_context_time ON registrations (context, created_at)`);
    await q.query(`CREATE INDEX registrations_case ON registrations (case_id)`);
    await q.query(`CREATE INDEX escalations_time ON escalations (created_at)`);
    await q.query(`CREATE INDEX release_records_time ON release_records (issued_at)`);
    await q.query(`CREATE INDEX tasks_done_at ON tasks ((COALESCE(completed_at, 'infinity'::timestamptz)), process_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['tasks_done_at', 'release_records_time', 'escalations_time', 'registrations_case', 'registrations_context_time']) await q.query(`DROP INDEX IF EXISTS ${index}`);
    await q.query(`DROP TABLE IF EXISTS dispatch_reports`);
  }
}
