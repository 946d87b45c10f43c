import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case started by another (a ladder step's linked case, a subprocess node's child) is a case of
 * its own: a `cases` row with its process, version, the org unit of the case that started it and
 * that case as its parent (written by the worker as the child starts: cases/projection/store.ts).
 * Its tasks carry its own process: `tasks.process_key` was derived from the id's first part, which
 * for a child is its parent's process, so it becomes a column the engine writes as a task opens.
 * Children started before this get their rows here, from the projection, a generation at a time
 * (a child's parent may itself be a child).
 */
export class LinkedCases1766400000000 implements MigrationInterface {
  name = 'LinkedCases1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN parent_case_id text REFERENCES cases (id)`);
    await q.query(`CREATE INDEX cases_parent ON cases (parent_case_id) WHERE parent_case_id IS NOT NULL`);
    for (;;) {
      const inserted: unknown[] = await q.query(`
        INSERT INTO cases (id, process_key, version, business_key, started_by, started_at, org_unit, state, parent_case_id)
        SELECT p.case_id, p.process_key, p.version, NULL, 'engine', p.started_at, parent.org_unit, 'started', parent.id
          FROM case_projection p JOIN cases parent ON parent.id = p.parent_id
         WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id)
        RETURNING id`);
      if (inserted.length === 0) break;
    }
    await q.query(`UPDATE case_projection p SET org_unit = c.org_unit FROM cases c WHERE c.id = p.case_id AND p.org_unit IS NULL`);
    await q.query(`ALTER TABLE tasks ALTER COLUMN process_key DROP EXPRESSION`);
    await q.query(`UPDATE tasks t SET process_key = c.process_key FROM cases c WHERE c.id = t.case_id AND t.process_key <> c.process_key`);
    await q.query(`ALTER TABLE tasks ALTER COLUMN process_key SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN process_key`);
    await q.query(`ALTER TABLE tasks ADD COLUMN process_key text GENERATED ALWAYS AS (split_part(case_id, '.', 1)) STORED`);
    await q.query(`DELETE FROM cases WHERE parent_case_id IS NOT NULL`);
    await q.query(`ALTER TABLE cases DROP COLUMN parent_case_id`);
  }
}
