/**
 * `npm run bench hold`: many arrival-screening cases left open on the cluster profile (Temporal
 * 1.29.1 on PostgreSQL, API and worker processes as an operator runs them). Each case registers
 * the arrival, checks the documents, books the landing test and then waits for its result in real
 * time, as a city's cases wait. Reports the start rate, the size of each database, the memory of
 * each process, how fast the case list and a case page answer with every case open, and whether
 * cases the workers evicted long ago still move on when their test result arrives.
 *
 * The issue's figure is 20,000 cases: `npm run bench hold -- --cases 20000`. Default: 2,000.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../engine/logger';
import { startCasesOver } from '../test/support/app-processes';
import { json, post } from '../test/support/http-cases';
import { descendants } from '../test/support/os-processes';
import { adminSql as admin } from '../test/support/state';
import { arrival, KEY, startSeededApp } from './load.bench';
import { flag, percentile, sampleMs } from './rounds';
import { benchDataDir, databaseUrl, dropDatabases, startBenchTemporal } from './targets';

export interface HoldOptions {
  cases: number;
  workers: number;
  /** Case starts in flight at once. */
  parallel: number;
  /** Each worker's WORKER_CACHED_CASES; unset: its default. */
  cached?: number;
  /** Minutes to wait for every case to reach its landing test before measuring what is there. */
  settleMinutes: number;
}

export interface HoldResult {
  cases: number;
  workers: number;
  cached?: number;
  startSeconds: number;
  /** Seconds from the first start until every case waited for its landing test, or the wait's limit. */
  settledSeconds: number;
  /** Cases waiting for their landing test then: all of them unless the limit came first. */
  waiting: number;
  openInProjection: number;
  databaseMb: Record<string, number>;
  /** Resident memory in MB of each process (with its tsx parent), after every case settled. */
  memoryMb: Record<string, number>;
  listP50: number;
  listP99: number;
  pageP50: number;
  pageP99: number;
  /** Cases sent their landing test result after the hold, and how many moved on to the next step. */
  woken: { sent: number; movedOn: number; p50Ms: number };
}

/** Resident memory of `pid` and every process below it, in MB. */
function treeRssMb(pid: number): number {
  const pids = [pid, ...descendants(pid)];
  const out = spawnSync('ps', ['-o', 'rss=', '-p', pids.join(',')], { encoding: 'utf8' }).stdout;
  return Math.round(out.trim().split(/\s+/).reduce((sum, kb) => sum + Number(kb || 0), 0) / 1024);
}

/** `n` reads of `url(i)`, timed; any answer but 200 stops the bench. */
async function timedReads(n: number, url: (i: number) => string): Promise<number[]> {
  const { ms } = await sampleMs(n, async (i) => {
    const res = await json(url(i));
    if (res.status !== 200) throw new Error(`${url(i)} answered ${res.status}`);
  });
  return ms;
}

export async function benchHold(opts: HoldOptions): Promise<HoldResult> {
  const log = createLogger('warn', 'bench-hold');
  const dir = await benchDataDir(log);
  const name = `epiflow_hold_${randomBytes(3).toString('hex')}`;
  const databases: string[] = [];
  try {
    const server = await startBenchTemporal('cluster', name, dir, databases, log);
    try {
      const appDb = `${name}_app`;
      await admin(`CREATE DATABASE ${appDb}`);
      databases.push(appDb);
      const app = await startSeededApp(server.address, databaseUrl(appDb), opts.workers, opts.cached ? { WORKER_CACHED_CASES: String(opts.cached) } : {});
      try {
        const t0 = performance.now();
        const every = Math.max(1, Math.floor(opts.cases / 20));
        const ids = await startCasesOver(app.base, KEY, opts.cases, opts.parallel, (i) => arrival(i, true), (done) => {
          if (done % every === 0) process.stdout.write(`  started ${done} of ${opts.cases} cases (${(done / ((performance.now() - t0) / 1000)).toFixed(1)}/s)\n`);
        });
        const startSeconds = (performance.now() - t0) / 1000;
        const appDbClient = new pg.Client({ connectionString: databaseUrl(appDb) });
        await appDbClient.connect();
        try {
          // Settled: every case's workflow has run its first steps and waits for the landing test's result.
          const where = async () =>
            (await appDbClient.query(`SELECT current_nodes[1] AS node, count(*)::int AS n FROM case_projection WHERE process_key = $1 AND status = 'running' GROUP BY 1 ORDER BY 2 DESC`, [KEY])).rows as { node: string; n: number }[];
          let waiting = 0;
          for (let since = performance.now(); waiting < opts.cases && performance.now() - t0 < opts.settleMinutes * 60_000; ) {
            await new Promise((r) => setTimeout(r, 10_000));
            const nodes = await where();
            const now = nodes.find((r) => r.node === 'landingResult')?.n ?? 0;
            const elsewhere = nodes.filter((r) => r.node !== 'landingResult').map((r) => `${r.n} at ${r.node}`);
            process.stdout.write(`  ${now} of ${opts.cases} cases wait for their landing test; ${opts.cases - nodes.reduce((sum, r) => sum + r.n, 0)} not yet begun${elsewhere.length ? `, ${elsewhere.join(', ')}` : ''}\n`);
            if (now > waiting) since = performance.now();
            else if (performance.now() - since > 120_000) throw new Error(`no case reached its landing test in 2 minutes: ${now} of ${opts.cases} wait`);
            waiting = now;
          }
          const settledSeconds = (performance.now() - t0) / 1000;
          const openInProjection = Number((await appDbClient.query(`SELECT count(*) AS n FROM case_projection WHERE status = 'running'`)).rows[0].n);
          const databaseMb: Record<string, number> = {};
          for (const db of databases) databaseMb[db.slice(name.length + 1)] = Math.round(Number((await appDbClient.query('SELECT pg_database_size($1) AS b', [db])).rows[0].b) / 1048576);
          const memoryMb: Record<string, number> = { api: treeRssMb(app.api.pid!) };
          app.workers.forEach((w, i) => (memoryMb[`worker ${i + 1}`] = treeRssMb(w.pid)));
          // Every process the one-process cluster is made of.
          memoryMb.temporal = (server.pids?.() ?? []).reduce<number>((sum, pid) => sum + (pid ? treeRssMb(pid) : 0), 0);
          const list = await timedReads(50, () => `${app.base}/api/cases?processKey=${KEY}&limit=20`);
          const page = await timedReads(50, (i) => `${app.base}/api/cases/${ids[(i * 397) % ids.length]}`);
          // The waiting cases started first: long out of every worker's cache, replayed from their history.
          const sample = (
            await appDbClient.query(`SELECT case_id FROM case_projection WHERE process_key = $1 AND 'landingResult' = ANY(current_nodes) ORDER BY started_at LIMIT 20`, [KEY])
          ).rows.map((r: { case_id: string }) => r.case_id);
          const w0 = performance.now();
          let sent = 0;
          for (const id of sample) if ((await post(`${app.base}/api/cases/${id}/events/test-result`, { payload: { result: 'negative' } })).status === 202) sent++;
          const moved = new Map<string, number>();
          for (const until = w0 + 120_000; moved.size < sample.length && performance.now() < until; await new Promise((r) => setTimeout(r, 250))) {
            for (const id of sample.filter((s) => !moved.has(s))) if (!(await json(`${app.base}/api/cases/${id}`)).body.activeNodes?.includes('landingResult')) moved.set(id, performance.now() - w0);
          }
          return {
            cases: ids.length,
            workers: opts.workers,
            cached: opts.cached,
            startSeconds,
            settledSeconds,
            waiting,
            openInProjection,
            databaseMb,
            memoryMb,
            listP50: percentile(list, 50),
            listP99: percentile(list, 99),
            pageP50: percentile(page, 50),
            pageP99: percentile(page, 99),
            woken: { sent, movedOn: moved.size, p50Ms: percentile([...moved.values()], 50) },
          };
        } finally {
          await appDbClient.end();
        }
      } finally {
        await app.stop();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await dropDatabases(databases);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatHold(r: HoldResult): string {
  const sizes = Object.entries(r.databaseMb).map(([db, mb]) => `${db} ${mb} MB`).join(', ');
  const memory = Object.entries(r.memoryMb).map(([p, mb]) => `${p} ${mb} MB`).join(', ');
  return (
    `hold  ${r.cases} open arrival-screening cases on the cluster, ${r.workers} workers caching ${r.cached ?? 'their default number of'} cases: started in ${r.startSeconds.toFixed(0)} s (${(r.cases / r.startSeconds).toFixed(1)}/s), ${r.waiting === r.cases ? 'all' : r.waiting} waiting after ${r.settledSeconds.toFixed(0)} s; ${r.openInProjection} open in the projection\n` +
    `      databases: ${sizes}\n      memory: ${memory}\n` +
    `      case list p50/p99 ${r.listP50.toFixed(0)}/${r.listP99.toFixed(0)} ms, case page p50/p99 ${r.pageP50.toFixed(0)}/${r.pageP99.toFixed(0)} ms\n` +
    `      ${r.woken.sent} of the first cases sent their test result: ${r.woken.movedOn} moved on (p50 ${r.woken.p50Ms.toFixed(0)} ms)`
  );
}

/** `--cases N --workers W --parallel P --cached C --settle-minutes M` from the command line after the bench's name. */
export const holdOptions = (argv: string[]): HoldOptions => ({
  cases: Number(flag(argv, 'cases', '2000')),
  workers: Number(flag(argv, 'workers', '2')),
  parallel: Number(flag(argv, 'parallel', '16')),
  cached: Number(flag(argv, 'cached', '0')) || undefined,
  settleMinutes: Number(flag(argv, 'settle-minutes', 'Infinity')),
});
