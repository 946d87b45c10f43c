/**
 * Migration 0023 on a database that holds children started before it: a ladder step's linked case
 * and that case's own subprocess child get their `cases` rows (their own process and version,
 * their root's org unit, their parent), their projection rows the unit, and their tasks their
 * own process; a task written without its process is refused from then on. On PostgreSQL and on
 * the embedded PGlite (what `npm start` runs).
 */
import { DataSource } from 'typeorm';
import { openDatabase } from '../../engine/db/data-source';
import { platformMigrations } from '../../engine/db/migrations';
import { LinkedCases1766400000000 } from '../../engine/db/migrations/0023-linked-cases';
import { createLogger } from '../../engine/logger';
import { databaseKinds, scratchDatabase, type ScratchDatabase } from '../audit/audit-db';

jest.setTimeout(120_000);

const log = createLogger('error', 'test');
const ROOT_CASE = `sentinel.${'a'.repeat(32)}`;
const LINKED = `${ROOT_CASE}.secondWait.1.ladder1-1`;
const GRANDCHILD = `${LINKED}.check.2`;

let scratch: ScratchDatabase | undefined;
let opened: DataSource | undefined;

afterEach(async () => {
  await opened?.destroy();
  await scratch?.drop();
  opened = scratch = undefined;
});

test.each(databaseKinds)('on %s: children started before it become cases, their tasks carry their own process', async (kind) => {
  scratch = await scratchDatabase(kind);
  const before = new DataSource({ type: 'postgres', url: scratch.url, migrations: platformMigrations.filter((m) => m !== LinkedCases1766400000000) });
  await before.initialize();
  await before.runMigrations();
  await before.query(`INSERT INTO cases (id, process_key, version, started_by, org_unit) VALUES ($1, 'sentinel', 3, 'admin', 'qingjiangpu')`, [ROOT_CASE]);
  const projected = [
    [ROOT_CASE, null, 'sentinel', 3, 'qingjiangpu'],
    [LINKED, ROOT_CASE, 'follow-up', 2, null],
    [GRANDCHILD, LINKED, 'visit', 1, null],
  ];
  for (const row of projected) await before.query(`INSERT INTO case_projection (case_id, parent_id, process_key, version, org_unit, started_at) VALUES ($1, $2, $3, $4, $5, now())`, row);
  for (const caseId of [ROOT_CASE, LINKED, GRANDCHILD]) {
    await before.query(`INSERT INTO tasks (id, case_id, node_id, title, status, org_unit) VALUES ($1, $2, 'check', '{"zh":"核查","en":"Check"}', 'open', 'qingjiangpu')`, [`${caseId}:check:1`, caseId]);
  }
  await before.destroy();

  opened = await openDatabase({ url: scratch.url, log, poolSize: 2 });
  const cases = await opened.query(`SELECT id, process_key, version, org_unit, parent_case_id, started_by FROM cases ORDER BY length(id)`);
  expect(cases).toEqual([
    { id: ROOT_CASE, process_key: 'sentinel', version: 3, org_unit: 'qingjiangpu', parent_case_id: null, started_by: 'admin' },
    { id: LINKED, process_key: 'follow-up', version: 2, org_unit: 'qingjiangpu', parent_case_id: ROOT_CASE, started_by: 'engine' },
    { id: GRANDCHILD, process_key: 'visit', version: 1, org_unit: 'qingjiangpu', parent_case_id: LINKED, started_by: 'engine' },
  ]);
  expect((await opened.query(`SELECT org_unit FROM case_projection ORDER BY length(case_id)`)).map((r: { org_unit: string }) => r.org_unit)).toEqual(['qingjiangpu', 'qingjiangpu', 'qingjiangpu']);
  expect((await opened.query(`SELECT process_key FROM tasks ORDER BY length(id)`)).map((r: { process_key: string }) => r.process_key)).toEqual(['sentinel', 'follow-up', 'visit']);
  await expect(opened.query(`INSERT INTO tasks (id, case_id, node_id, title, status, org_unit) VALUES ('x.y:n:1', 'x.y', 'n', '{}', 'open', 'qingjiangpu')`)).rejects.toThrow(/process_key/);
});
