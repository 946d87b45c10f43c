import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What concurrent clients and crashes need: a case row that exists before its workflow
 * ('starting' until Temporal has it), a task state held while its completion is delivered,
 * a revision per draft so a stale save is refused instead of overwriting a newer one, and
 * a row health can write.
 */
export class Consistency1764500000000 implements MigrationInterface {
  name = 'Consistency1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE instances ADD COLUMN state text NOT NULL DEFAULT 'started' CHECK (state IN ('starting', 'started'))`);
    await q.query(`CREATE INDEX instances_starting ON instances (started_at) WHERE state = 'starting'`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_status_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'completing', 'completed', 'cancelled'))`);
    await q.query(`CREATE INDEX tasks_completing ON tasks (completed_at) WHERE status = 'completing'`);
    await q.query(`ALTER TABLE documents ADD COLUMN draft_revision integer NOT NULL DEFAULT 0`);
    // Health writes here: a database that answers reads but cannot write is down for this app.
    await q.query(`CREATE TABLE health_beacon (id integer PRIMARY KEY, at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS health_beacon`);
    await q.query(`ALTER TABLE documents DROP COLUMN draft_revision`);
    await q.query(`DROP INDEX IF EXISTS tasks_completing`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_status_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'completed', 'cancelled'))`);
    await q.query(`DROP INDEX IF EXISTS instances_starting`);
    await q.query(`ALTER TABLE instances DROP COLUMN state`);
  }
}
