/**
 * `npm run bench load`: the arrival-screening process with its real activities and rule
 * decisions, cases started at a steady rate through the API while it serves reads at a steady
 * rate, on the dev server and on the cluster (Temporal 1.29.1 on PostgreSQL), with one worker
 * process, two, and one with a second added halfway. Every part is a real process (npm run api,
 * npm run worker). Each case is sent the four negative test results a medium-risk arrival needs
 * and runs to release (a day lasts a second). Under overload some cases were seen waiting at their
 * final result after the four were taken, escalating each time the wait ran out; a case not ended
 * --case-limit-minutes after its start is counted unfinished, so a run always ends. Reports
 * throughput, start latency, end-to-end latency, read latency and errors, and from the histories
 * of a sample, schedule-to-start and what a case costs the server (events, round trips, local
 * activities). Case pages are read as
 * the case page reads them, waiting at most PAGE_WAIT_MS for a case's live state (--page-wait-ms).
 *
 * The figures are 2,000 cases at 50 reads/s; this machine has two cores shared with
 * others, so the defaults are smaller: --cases 300 --rate 10 --reads 20 (flags change them).
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createLogger } from '../engine/logger';
import { startAppProcesses, type AppProcesses } from '../test/support/app-processes';
import { json, post, signIn } from '../test/support/http-cases';
import { adminSql as admin } from '../test/support/state';
import { costOf, scheduleToStart, type CaseCost } from './history';
import { flag, median, percentile } from './rounds';
import { benchDataDir, databaseUrl, dropDatabases, startBenchTemporal, type BenchTarget } from './targets';

export const KEY = 'arrival-screening';
const DAY_SCALE = 1000 / 86_400_000;

export interface LoadOptions {
  cases: number;
  /** Case starts per second. */
  rate: number;
  /** Reads per second (case list and case pages) beside the starts. */
  reads: number;
  targets: BenchTarget[];
  /** Which worker set-ups to run: 1, 2, and 1 with a second added halfway (1→2). */
  workers: WorkerSetup[];
  /** How long a case page read waits for the case's live state (the API's waitMs). */
  pageWaitMs: number;
  /** How long the bench waits for a case to end before counting it unfinished. */
  caseLimitMinutes: number;
}

const WORKER_SETUPS = ['1', '2', '1→2'] as const;
type WorkerSetup = (typeof WORKER_SETUPS)[number];

/** How long a case page read waits for the case's live state by default: what the case page asks (editor/src/screens/CaseScreen.tsx). */
const PAGE_WAIT_MS = 2500;

export interface LoadRow {
  target: string;
  workers: string;
  started: number;
  completed: number;
  errors: number;
  /** Cases not ended within --case-limit-minutes of their start (counted among the errors). */
  unfinished: number;
  throughput: number;
  /** Cases completed per second in the first and second half of the completions (a worker added halfway shows here). */
  halves: [number, number];
  startP50: number;
  startP99: number;
  endToEndP50: number;
  endToEndP99: number;
  scheduleToStartP50: number;
  scheduleToStartP99: number;
  readP50: number;
  readP99: number;
  readErrors: number;
  /** Case pages answered from the case's record, their live state not given within the page's wait. */
  pagesFromRecord: number;
  pages: number;
  /** The median cost per case of a sample of completed cases, from their histories. */
  cost: CaseCost;
}

/** The i-th arrival's case input; a day lasts a second unless `realTime`. */
export function arrival(i: number, realTime = false) {
  return {
    person: { idNumber: `320800${randomBytes(6).toString('hex')}`, name: '张三', phone: '13800000000' },
    age: 20 + (i % 50),
    entryPoint: 'railway-station',
    origin: { city: 'somewhere', risk: 'medium' },
    documents: { healthCode: 'green', itinerary: [{ place: 'somewhere', risk: 'medium' }] },
    district: 'nowhere',
    ...(realTime ? {} : { timeScale: DAY_SCALE }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The API and `workers` worker processes on a database the built-in library is seeded into, signed in, arrival screening published. */
export async function startSeededApp(temporalAddress: string, databaseUrl: string, workers: number, workerEnv: NodeJS.ProcessEnv = {}): Promise<AppProcesses> {
  const app = await startAppProcesses({ temporalAddress, databaseUrl, workers, workerEnv, apiEnv: { SEED: 'true' } });
  await signIn(app.base);
  for (let tries = 0; (await json(`${app.base}/api/processes/${KEY}`)).body.latestVersion < 1 && tries < 60; tries++) await sleep(500);
  return app;
}

async function run(target: string, temporalAddress: string, databaseUrl: string, workers: WorkerSetup, opts: LoadOptions): Promise<LoadRow> {
  const app = await startSeededApp(temporalAddress, databaseUrl, workers === '2' ? 2 : 1);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  try {
    const startMs: number[] = [];
    const e2eMs: number[] = [];
    const completedAt: number[] = [];
    let errors = 0;
    let unfinished = 0;
    const ids: string[] = [];
    const readMs: number[] = [];
    let readErrors = 0;
    let pages = 0;
    let pagesFromRecord = 0;
    let reading = true;
    // Reads at a steady rate while cases start and run: the list and the pages of cases started so far.
    const reader = (async () => {
      for (let i = 0; reading; i++) {
        const t = performance.now();
        const page = !(i % 2) && ids.length > 0;
        const url = page ? `${app.base}/api/cases/${ids[i % ids.length]}?waitMs=${opts.pageWaitMs}` : `${app.base}/api/cases?processKey=${KEY}&limit=20`;
        void json(url).then(
          (r) => {
            readMs.push(performance.now() - t);
            if (r.status !== 200) readErrors++;
            if (page) pages++;
            if (page && r.body?.stateUnavailable) pagesFromRecord++;
          },
          () => readErrors++,
        );
        await sleep(1000 / opts.reads);
      }
    })();
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < opts.cases; i++) {
      if (workers === '1→2' && i === Math.floor(opts.cases / 2)) void app.addWorker();
      const due = t0 + (i * 1000) / opts.rate;
      if (due > performance.now()) await sleep(due - performance.now());
      pending.push(
        (async () => {
          const s = performance.now();
          const res = await post(`${app.base}/api/cases`, { processKey: KEY, input: arrival(i) }).catch(() => ({ status: 0, body: {} as any }));
          if (res.status !== 201) {
            errors++;
            return;
          }
          startMs.push(performance.now() - s);
          const id: string = res.body.caseId;
          ids.push(id);
          for (let r = 0; r < 4; r++) {
            const sent = await post(`${app.base}/api/cases/${id}/events/test-result`, { payload: { result: 'negative' } }).catch(() => ({ status: 0 }));
            if (sent.status !== 202) errors++;
          }
          let timer: NodeJS.Timeout | undefined;
          const gaveUp = new Promise<'unfinished'>((resolve) => (timer = setTimeout(() => resolve('unfinished'), opts.caseLimitMinutes * 60_000)));
          const result = await Promise.race([
            client.workflow.getHandle(id).result().then(
              (r: any) => r?.outcome,
              () => 'failed',
            ),
            gaveUp,
          ]).finally(() => clearTimeout(timer));
          if (result === 'unfinished') unfinished++;
          if (result !== 'released') {
            errors++;
            return;
          }
          e2eMs.push(performance.now() - s);
          completedAt.push(performance.now() - t0);
        })(),
      );
    }
    await Promise.all(pending);
    reading = false;
    await reader;
    const seconds = (performance.now() - t0) / 1000;
    completedAt.sort((a, b) => a - b);
    const half = Math.floor(completedAt.length / 2);
    const rateOf = (xs: number[]) => (xs.length > 1 ? ((xs.length - 1) * 1000) / (xs[xs.length - 1] - xs[0]) : NaN);
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 30)) === 0);
    const sts: number[] = [];
    const costs: CaseCost[] = [];
    for (const id of sample) {
      const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
      sts.push(...scheduleToStart(events));
      costs.push(costOf(events));
    }
    return {
      target,
      workers,
      started: startMs.length,
      completed: e2eMs.length,
      errors,
      unfinished,
      throughput: e2eMs.length / seconds,
      halves: [rateOf(completedAt.slice(0, half)), rateOf(completedAt.slice(half))],
      startP50: percentile(startMs, 50),
      startP99: percentile(startMs, 99),
      endToEndP50: percentile(e2eMs, 50),
      endToEndP99: percentile(e2eMs, 99),
      scheduleToStartP50: percentile(sts, 50),
      scheduleToStartP99: percentile(sts, 99),
      readP50: percentile(readMs, 50),
      readP99: percentile(readMs, 99),
      readErrors,
      pages,
      pagesFromRecord,
      cost: { events: median(costs.map((c) => c.events)), roundTrips: median(costs.map((c) => c.roundTrips)), localActivities: median(costs.map((c) => c.localActivities)) },
    };
  } finally {
    await connection.close();
    await app.stop();
  }
}

export async function benchLoad(opts: LoadOptions): Promise<LoadRow[]> {
  const log = createLogger('warn', 'bench-load');
  const dir = await benchDataDir(log);
  const name = `epiflow_load_${randomBytes(3).toString('hex')}`;
  const databases: string[] = [];
  const rows: LoadRow[] = [];
  try {
    for (const target of opts.targets) {
      const server = await startBenchTemporal(target, name, dir, databases, log);
      try {
        for (const workers of opts.workers) {
          // A database of the run's own each time, so one run's cases do not slow the next one's reads.
          const db = `${name}_${target}_${workers === '1→2' ? 'added' : workers}`;
          await admin(`CREATE DATABASE ${db}`);
          databases.push(db);
          const row = await run(target, server.address, databaseUrl(db), workers, opts);
          process.stdout.write(`  ${formatLoadRow(row)}\n`);
          rows.push(row);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await dropDatabases(databases);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : '-');

export function formatLoadRow(r: LoadRow): string {
  return (
    `${r.target.padEnd(7)} workers ${r.workers.padEnd(3)}  ${r.completed}/${r.started} completed, ${r.errors} errors (${r.unfinished} unfinished)  ${r.throughput.toFixed(2)} cases/s ` +
    `(halves ${r.halves.map((h) => h.toFixed(2)).join(' → ')})  start p50/p99 ${ms(r.startP50)}/${ms(r.startP99)} ms  end-to-end p50/p99 ${ms(r.endToEndP50)}/${ms(r.endToEndP99)} ms  ` +
    `schedule-to-start p50/p99 ${ms(r.scheduleToStartP50)}/${ms(r.scheduleToStartP99)} ms  reads p50/p99 ${ms(r.readP50)}/${ms(r.readP99)} ms, ${r.readErrors} errors, ` +
    `${r.pagesFromRecord}/${r.pages} case pages from the record  per case ${r.cost.events} events, ${r.cost.roundTrips} round trips, ${r.cost.localActivities} local activities`
  );
}

/** `--cases N --rate R --reads Q --targets dev,cluster --workers 1,2,1→2 --page-wait-ms W --case-limit-minutes M` from the command line after the bench's name. */
export const loadOptions = (argv: string[]): LoadOptions => ({
  cases: Number(flag(argv, 'cases', '300')),
  rate: Number(flag(argv, 'rate', '10')),
  reads: Number(flag(argv, 'reads', '20')),
  targets: flag(argv, 'targets', 'dev,cluster').split(',') as LoadOptions['targets'],
  workers: flag(argv, 'workers', WORKER_SETUPS.join(','))
    .split(',')
    .map((w) => {
      if (!(WORKER_SETUPS as readonly string[]).includes(w)) throw new Error(`--workers: '${w}' is not one of ${WORKER_SETUPS.join(', ')}`);
      return w as WorkerSetup;
    }),
  pageWaitMs: Number(flag(argv, 'page-wait-ms', String(PAGE_WAIT_MS))),
  caseLimitMinutes: Number(flag(argv, 'case-limit-minutes', '30')),
});

if (require.main === module) {
  benchLoad(loadOptions(process.argv.slice(2))).then((rows) => console.log(rows.map(formatLoadRow).join('\n')));
}
