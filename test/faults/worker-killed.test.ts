/**
 * Fault 1: a worker process SIGKILLed in the middle of an activity that writes a notice (after
 * the notice is stored, before Temporal hears of it). Another worker process takes the retry;
 * every case completes and each has exactly one notice. All processes here are real: the API
 * and both workers are `npm run api` / `npm run worker`.
 */
import { Client, Connection } from '@temporalio/client';
import { uniqueKey, eventually } from '../support/app';
import { endStatuses, notifyNode, publishOver, startAppProcesses, startCasesOver, type AppProcesses } from '../support/app-processes';
import { countingOn, faultCount } from '../support/fault-ledger';
import { signIn } from '../support/http-cases';
import { alive } from '../support/os-processes';
import { chain } from '../support/processes';

jest.setTimeout(150_000);

const CASES = 8;
let app: AppProcesses | undefined;
afterAll(() => app?.stop());

test('SIGKILL of a worker mid-notice: another worker finishes every case, one notice each', async () => {
  app = await startAppProcesses({ workers: 0 });
  const doomed = await app.addWorker({ EPI_FAULT_POINT: 'notify:after-store' });
  await signIn(app.base);
  const key = uniqueKey('fault-notify');
  // A short timeout, so the retry of the dead worker's attempt comes within seconds.
  await publishOver(app.base, chain(key, [{ id: 'start', type: 'start' }, notifyNode('tell', { timeout: 'PT4S' }), { id: 'end', type: 'end', outcome: 'told' }]));
  const ids = await startCasesOver(app.base, key, CASES, 4);
  // The only worker dies at its first stored notice.
  await eventually(async () => (alive(doomed.pid) ? undefined : true), 60_000, 'the worker to die mid-notice');

  await app.addWorker();
  const statuses = await endStatuses(app.base, ids, 60_000);
  const db = await countingOn(process.env.TEST_DATABASE_URL!);
  try {
    const count = await faultCount('worker SIGKILLed mid-notice', db.query, statuses);
    expect(count).toEqual({ started: CASES, completed: CASES, lost: 0, noticesTwice: 0 });
    const [{ n }] = await db.query(`SELECT count(*) AS n FROM notices WHERE case_id = ANY($1)`, [ids]);
    expect(Number(n)).toBe(CASES);
  } finally {
    await db.end();
  }
  // The dead worker's attempt was retried (by the rescuer): a notify ran more than once and still stored one notice.
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection });
    const attempts = await Promise.all(
      ids.map(async (id) => {
        const history = await client.workflow.getHandle(id).fetchHistory();
        return Math.max(0, ...(history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0));
      }),
    );
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
  } finally {
    await connection.close();
  }
});
