import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One word for one thing: a case is a case (the table was `instances`, its references
 * `instance_id`). And a decision's visit gets its own column instead of riding in node_id
 * as `node#visit`.
 */
export class CaseNames1764600000000 implements MigrationInterface {
  name = 'CaseNames1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE instances RENAME TO cases`);
    await q.query(`ALTER INDEX instances_process RENAME TO cases_process`);
    await q.query(`ALTER INDEX instances_starting RENAME TO cases_starting`);
    for (const [table, index] of [['decisions', 'decisions_instance'], ['tasks', 'tasks_instance'], ['case_log', 'case_log_instance']]) {
      await q.query(`ALTER TABLE ${table} RENAME COLUMN instance_id TO case_id`);
      await q.query(`ALTER INDEX ${index} RENAME TO ${index.replace('_instance', '_case')}`);
    }
    await q.query(`ALTER TABLE decisions ADD COLUMN visit integer NOT NULL DEFAULT 1`);
    await q.query(`UPDATE decisions SET visit = split_part(node_id, '#', 2)::integer, node_id = split_part(node_id, '#', 1) WHERE node_id LIKE '%#%'`);
    // A retried attempt could record a decision twice before this index: keep the first.
    await q.query(`DELETE FROM decisions a USING decisions b WHERE a.case_id = b.case_id AND a.node_id = b.node_id AND a.visit = b.visit AND a.id > b.id`);
    await q.query(`CREATE UNIQUE INDEX decisions_visit ON decisions (case_id, node_id, visit)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_visit`);
    await q.query(`UPDATE decisions SET node_id = node_id || '#' || visit`);
    await q.query(`ALTER TABLE decisions DROP COLUMN visit`);
    for (const [table, index] of [['decisions', 'decisions_case'], ['tasks', 'tasks_case'], ['case_log', 'case_log_case']]) {
      await q.query(`ALTER INDEX ${index} RENAME TO ${index.replace('_case', '_instance')}`);
      await q.query(`ALTER TABLE ${table} RENAME COLUMN case_id TO instance_id`);
    }
    await q.query(`ALTER INDEX cases_starting RENAME TO instances_starting`);
    await q.query(`ALTER INDEX cases_process RENAME TO instances_process`);
    await q.query(`ALTER TABLE cases RENAME TO instances`);
  }
}
