/**
 * Fault 3: the project's PostgreSQL stopped for 20 s under a running API and worker (real
 * processes, `npm run api` and `npm run worker`, on a PostgreSQL server of this test's own, so
 * the machine's shared one stays up). While it is down the API answers 503 with Retry-After,
 * never a 500; cases whose activities run in the outage retry and complete once it is back,
 * no process restarted, no outbox row lost or doubled.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { eventSignal } from '../../workflows/messages';
import { eventually } from '../support/app';
import { allWaitingAt, endStatuses, notifyNode, publishOver, startAppProcesses, startCasesOver, type AppProcesses } from '../support/app-processes';
import { countingOn, faultCount } from '../support/fault-ledger';
import { post, signIn } from '../support/http-cases';
import { alive } from '../support/os-processes';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { chain } from '../support/processes';

jest.setTimeout(180_000);

const CASES = 10;
const OUTAGE_MS = 20_000;
let pg: OwnPostgres | undefined;
let app: AppProcesses | undefined;

afterAll(async () => {
  await app?.stop();
  pg?.destroy();
});

/** Every answer the API gave to a few reads and a write while the database was down. */
async function probeWhileDown(base: string, caseId: string, until: number): Promise<{ route: string; status: number; retryAfter: string | null }[]> {
  const seen: { route: string; status: number; retryAfter: string | null }[] = [];
  const probes: [string, () => Promise<Response>][] = [
    ['GET /api/cases', () => fetch(`${base}/api/cases`, { headers: session })],
    ['GET /api/cases/:id', () => fetch(`${base}/api/cases/${caseId}`, { headers: session })],
    ['GET /api/processes', () => fetch(`${base}/api/processes`, { headers: session })],
    ['GET /api/tasks', () => fetch(`${base}/api/tasks`, { headers: session })],
    ['POST /api/cases', () => fetch(`${base}/api/cases`, { method: 'POST', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ processKey, input: {} }) })],
    ['GET /api/health', () => fetch(`${base}/api/health`)],
  ];
  while (Date.now() < until) {
    for (const [route, call] of probes) {
      const res = await call();
      seen.push({ route, status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return seen;
}

let session: Record<string, string> = {};
const processKey = `fault-db-${randomBytes(3).toString('hex')}`;

test('PostgreSQL down 20 s: 503 with Retry-After, activities retry, every case completes, no process restarted, no notice lost or doubled', async () => {
  pg = await startOwnPostgres(['epiflow']);
  app = await startAppProcesses({ databaseUrl: pg.url('epiflow'), workers: 1 });
  const { base, api } = app;
  const worker = app.workers[0];
  session = await signIn(base);

  // A notice, then an event that comes during the outage, then a notice written during it.
  await publishOver(base, chain(processKey, [{ id: 'start', type: 'start' }, notifyNode('first'), { id: 'go', type: 'event', event: 'go' }, notifyNode('second'), { id: 'end', type: 'end', outcome: 'told' }]));
  const ids = await startCasesOver(base, processKey, CASES);
  await allWaitingAt(base, ids, 'go');

  pg.stop();
  // The event comes straight through Temporal, as from another system (the API, needing the database, refuses it now).
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection });
    for (const id of ids) await client.workflow.getHandle(id).signal(eventSignal, { name: 'go', payload: null });
  } finally {
    await connection.close();
  }
  const answers = await probeWhileDown(base, ids[0], Date.now() + OUTAGE_MS);
  pg.start();

  // The API never failed with a 500 and told clients when to come back.
  expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  const refused = answers.filter((a) => a.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.filter((a) => !a.retryAfter)).toEqual([]);
  // Every route a user calls was refused while the database was gone (health included).
  expect(new Set(refused.map((a) => a.route))).toEqual(new Set(answers.map((a) => a.route)));

  const statuses = await endStatuses(base, ids, 60_000);
  // Neither process was restarted: the same two ran throughout.
  expect([alive(api.pid!), alive(worker.pid)]).toEqual([true, true]);

  // The outbox: two notices per case, each once, all delivered by the worker's dispatcher.
  const db = await countingOn(pg.url('epiflow'));
  try {
    const count = await faultCount('PostgreSQL stopped 20 s', db.query, statuses, 2);
    expect(count).toEqual({ started: CASES, completed: CASES, lost: 0, noticesTwice: 0 });
    const notices = await eventually(async () => {
      const rows = await db.query(`SELECT case_id, status FROM notices WHERE case_id = ANY($1)`, [ids]);
      return rows.every((r) => r.status === 'delivered') ? rows : undefined;
    }, 30_000, 'every notice to be delivered');
    expect(notices).toHaveLength(CASES * 2);
  } finally {
    await db.end();
  }
  // And the API takes new work again.
  expect((await post(`${base}/api/cases`, { processKey, input: {} })).status).toBe(201);
});
