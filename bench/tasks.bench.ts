/**
 * The task inbox served from PostgreSQL (engine/tasks/task-inbox.ts): 10,000 open tasks and
 * 200,000 closed ones in a scratch database (the platform's migrations, so the indexes are the
 * real ones), spread over the city's 10 districts and 50 streets, 20 work groups, 100 officials
 * holding a tenth of the open tasks, deadlines from a day ago to three days ahead (a fifth with
 * none) and priorities 0-9. Each inbox tab, each filter, the counts and a deep page are asked
 * through the TaskService as an operator of one district would ask them (scope, groups, roles),
 * and the unassigned tab as a city-wide administrator; then the deadline board (engine/tasks/deadline-board.ts)
 * of the district and of the city. p50 and p99 over the runs. Target: p99 < 200 ms.
 * Run alone: npx tsx bench/tasks.bench.ts
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { permissionsOf, type RoleName } from '../engine/auth/permissions';
import type { Principal } from '../engine/auth/principal';
import { openDatabase } from '../engine/db/data-source';
import type { Services } from '../engine/services';
import { TaskService, type TaskListQuery } from '../engine/tasks/task.service';
import type { Reply } from '../engine/http/reply';
import { scratchDatabase } from '../test/support/scratch-database';
import { percentile, sampleMs } from './rounds';

const OPEN = 10_000;
const CLOSED = 200_000;
const RUNS = 200;
const WARMUP = 20;
const TARGET_P99_MS = 200;

export interface TasksBenchRow {
  name: string;
  p50: number;
  p99: number;
  /** Tasks on the page (or counted), so a fast answer that is empty shows. */
  answered: number;
}

function principal(username: string, roles: RoleName[], orgUnits: string[], groups: string[]): Principal {
  return { userId: randomBytes(16).toString('hex'), username, roles, permissions: permissionsOf(roles), orgUnits, groups, via: 'token', locale: 'zh-CN' };
}

/** Streets under each district, tasks of both kinds with set-based SQL (seconds, not minutes). */
async function fill(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  await db.query(`
    INSERT INTO org_units (id, parent_id, name, path)
    SELECT d.id || '-s' || s, d.id, jsonb_build_object('zh', d.id || s, 'en', d.id || s), d.path || '.' || d.id || '-s' || s
    FROM org_units d, generate_series(1, 5) s WHERE d.parent_id IS NOT NULL`);
  const units: { id: string }[] = await db.query(`SELECT id FROM org_units WHERE parent_id IS NOT NULL ORDER BY id`);
  const insert = (status: string, from: number, count: number) =>
    db.query(
      `INSERT INTO tasks (id, case_id, process_key, node_id, title, form, role, group_name, status, org_unit, assignee, due_at, priority, created_at, completed_at, completed_by)
       SELECT 'p' || (i % 12) || '.' || md5(i::text) || ':' || (ARRAY['visit','verify','check','report'])[1 + i % 4] || ':1',
              'p' || (i % 12) || '.' || md5(i::text), 'p' || (i % 12), (ARRAY['visit','verify','check','report'])[1 + i % 4],
              '{"zh":"核查","en":"Check"}', '{"type":"object","properties":{"note":{"type":"string"}}}',
              CASE WHEN i % 7 = 0 THEN 'operator' END, CASE WHEN i % 3 <> 0 THEN 'g-' || (i % 20) END, $1,
              ($4::text[])[1 + abs(hashtext(i::text)) % cardinality($4::text[])],
              CASE WHEN $1 = 'open' AND i % 10 = 0 THEN 'user-' || (i % 100) END,
              CASE WHEN i % 5 <> 0 THEN now() - interval '1 day' + (i % 5760) * interval '1 minute' END,
              i % 10, now() - interval '30 days' + i * interval '1 second',
              CASE WHEN $1 <> 'open' THEN now() END, CASE WHEN $1 <> 'open' THEN 'user-' || (i % 100) END
       FROM generate_series($2::int, $2::int + $3::int - 1) i`,
      [status, from, count, units.map((u) => u.id)],
    );
  await insert('open', 1, OPEN);
  for (let from = OPEN + 1; from <= OPEN + CLOSED; from += 50_000) await insert('completed', from, 50_000);
  await db.query('ANALYZE tasks');
}

async function timed(run: () => Promise<number>): Promise<TasksBenchRow & { samples: number[] }> {
  const { ms: samples, last: answered } = await sampleMs(RUNS, run, WARMUP);
  return { name: '', p50: percentile(samples, 50), p99: percentile(samples, 99), answered, samples };
}

export async function benchTasks(): Promise<TasksBenchRow[]> {
  const scratch = await scratchDatabase();
  const db = await openDatabase({ url: scratch.url, log: pino({ level: 'warn' }) });
  try {
    await fill(db);
    const tasks = new TaskService({ db, config: { cursorSecret: randomBytes(32) } } as unknown as Services, undefined as unknown as Client);
    // An operator of one district (itself and its five streets), in two groups, holding some tasks.
    const op = principal('user-10', ['operator'], ['qingjiangpu'], ['g-1', 'g-2']);
    const admin = principal('admin', ['admin'], [], []);
    const page = async (q: Partial<TaskListQuery>, who = op) => ((await tasks.list({ sort: 'due', limit: 50, ...q }, who)) as Reply).body as unknown[];
    const soon = new Date(Date.now() + 6 * 3600_000).toISOString();
    const deep = async () => {
      // The third page of the unassigned tab: two cursors followed.
      let cursor: string | undefined;
      for (let i = 0; i < 2; i++) cursor = ((await tasks.list({ tab: 'unassigned', sort: 'due', limit: 50, cursor }, op)) as Reply).headers['x-next-cursor'];
      return (await page({ tab: 'unassigned', cursor })).length;
    };
    const cases: [string, () => Promise<number>][] = [
      ['tab mine', async () => (await page({ tab: 'mine' })).length],
      ['tab groups', async () => (await page({ tab: 'groups' })).length],
      ['tab unassigned', async () => (await page({ tab: 'unassigned' })).length],
      ['tab unassigned (city-wide admin)', async () => (await page({ tab: 'unassigned' }, admin)).length],
      ['unassigned + processKey', async () => (await page({ tab: 'unassigned', processKey: 'p3' })).length],
      ['unassigned + node', async () => (await page({ tab: 'unassigned', node: 'verify' })).length],
      ['unassigned + orgUnit', async () => (await page({ tab: 'unassigned', orgUnit: 'qingjiangpu-s2' })).length],
      ['unassigned + dueBefore', async () => (await page({ tab: 'unassigned', dueBefore: soon })).length],
      ['unassigned + overdue', async () => (await page({ tab: 'unassigned', overdue: true })).length],
      ['unassigned + minPriority 8', async () => (await page({ tab: 'unassigned', minPriority: 8 })).length],
      ['groups + overdue + minPriority 5', async () => (await page({ tab: 'groups', overdue: true, minPriority: 5 })).length],
      ['third page (2 cursors + page)', deep],
      ['counts (3 tabs)', async () => Object.values(await tasks.counts({}, op)).reduce((a, b) => a + b, 0)],
      ['counts (city-wide admin)', async () => Object.values(await tasks.counts({}, admin)).reduce((a, b) => a + b, 0)],
      ['deadline board (district)', async () => Object.values((await tasks.deadlines({}, op)).totals).reduce((a, b) => a + b, 0)],
      ['deadline board (city-wide admin)', async () => Object.values((await tasks.deadlines({}, admin)).totals).reduce((a, b) => a + b, 0)],
    ];
    const rows: TasksBenchRow[] = [];
    for (const [name, run] of cases) {
      const { samples: _s, ...row } = await timed(run);
      rows.push({ ...row, name });
    }
    return rows;
  } finally {
    await db.destroy();
    await scratch.drop();
  }
}

export function formatTasksBench(rows: TasksBenchRow[]): string[] {
  return [
    `tasks  ${OPEN} open + ${CLOSED} closed, ${RUNS} runs each (target p99 < ${TARGET_P99_MS} ms)`,
    ...rows.map((r) => `tasks  ${r.name.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.p99 < TARGET_P99_MS ? 'ok  ' : 'SLOW'}  (${r.answered} answered)`),
  ];
}

if (require.main === module) {
  benchTasks()
    .then((rows) => console.log(formatTasksBench(rows).join('\n')))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
