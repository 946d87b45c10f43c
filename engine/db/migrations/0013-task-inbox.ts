import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task inbox (engine/tasks): who holds a task (assignee, claimed_at), when it is due and
 * how urgent it is, a revision every claim, unclaim and reassignment moves on (a form opened
 * before one is stale), the process key (derived from the case id, for the process filter)
 * and comments. Accounts get the work groups they belong to (a task's group_name names one).
 *
 * The inbox lists open tasks by due time, those without one last: due_order is the due time
 * or infinity, so one index order and one keyset cursor serve every tab. Each tab has a partial
 * index over open tasks only: closed ones (the great majority) are never scanned.
 */
export class TaskInbox1765400000000 implements MigrationInterface {
  name = 'TaskInbox1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN assignee text,
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN due_at timestamptz,
        ADD COLUMN due_order timestamptz GENERATED ALWAYS AS (coalesce(due_at, 'infinity'::timestamptz)) STORED,
        ADD COLUMN priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 9),
        ADD COLUMN revision integer NOT NULL DEFAULT 0,
        ADD COLUMN process_key text GENERATED ALWAYS AS (split_part(case_id, '.', 1)) STORED`);
    // Mine: by assignee. Pools (unassigned): by org unit, by group, by role.
    await q.query(`CREATE INDEX tasks_inbox_assignee ON tasks (assignee, due_order, id) WHERE status = 'open' AND assignee IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_inbox_unit ON tasks (org_unit, due_order, id) WHERE status = 'open' AND assignee IS NULL`);
    await q.query(`CREATE INDEX tasks_inbox_group ON tasks (group_name, due_order, id) WHERE status = 'open' AND assignee IS NULL`);
    await q.query(`CREATE INDEX tasks_inbox_role ON tasks (role, due_order, id) WHERE status = 'open' AND assignee IS NULL`);
    await q.query(`CREATE INDEX tasks_open_due ON tasks (due_order, id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE task_comments (
        id bigserial PRIMARY KEY,
        task_id text NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        author text NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_comments_task ON task_comments (task_id, id)`);
    await q.query(`ALTER TABLE users ADD COLUMN groups text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX users_groups ON users USING gin (groups)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN groups`);
    await q.query(`DROP TABLE task_comments`);
    for (const index of ['tasks_inbox_assignee', 'tasks_inbox_unit', 'tasks_inbox_group', 'tasks_inbox_role', 'tasks_open_due']) await q.query(`DROP INDEX ${index}`);
    await q.query(`ALTER TABLE tasks DROP COLUMN assignee, DROP COLUMN claimed_at, DROP COLUMN due_order, DROP COLUMN due_at, DROP COLUMN priority, DROP COLUMN revision, DROP COLUMN process_key`);
  }
}
