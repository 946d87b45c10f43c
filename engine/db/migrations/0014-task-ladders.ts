import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline ladders on tasks (workflows/definition/ladder-schema.ts): the ladder as resolved when
 * the task opened (each step's time and actions), how many of its steps have been taken, and the
 * overdue flag a step may set. The deadline board reads the next step from the first two.
 */
export class TaskLadders1765500000000 implements MigrationInterface {
  name = 'TaskLadders1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN ladder jsonb,
        ADD COLUMN ladder_steps_taken integer NOT NULL DEFAULT 0,
        ADD COLUMN overdue boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN ladder, DROP COLUMN ladder_steps_taken, DROP COLUMN overdue`);
  }
}
