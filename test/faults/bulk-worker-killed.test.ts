/**
 * A bulk job survives its worker: the only worker process is SIGKILLed right after a bulk cancel
 * took effect on a case and before the job recorded it (the worst moment). A worker started
 * afterwards resumes the job; every case is cancelled exactly once (one audit row each), the
 * interrupted case is recorded as done from the audit trail rather than cancelled again, and the
 * job completes. All processes are real: `npm run api` and `npm run worker`.
 */
import { Client, Connection } from '@temporalio/client';
import { eventually, uniqueKey } from '../support/app';
import { allWaitingAt, publishOver, startAppProcesses, startCasesOver, type AppProcesses } from '../support/app-processes';
import { countingOn } from '../support/fault-ledger';
import { json, post, signIn } from '../support/http-cases';
import { alive } from '../support/os-processes';
import { chain } from '../support/processes';

jest.setTimeout(240_000);

const CASES = 6;
let app: AppProcesses | undefined;
afterAll(() => app?.stop());

test('SIGKILL of the worker mid-job: a new worker finishes the job, and each case is cancelled exactly once', async () => {
  app = await startAppProcesses({ workers: 1 });
  await signIn(app.base);
  const key = uniqueKey('fault-bulk');
  await publishOver(app.base, chain(key, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go' }, { id: 'end', type: 'end' }]));
  const ids = await startCasesOver(app.base, key, CASES, 3);
  await allWaitingAt(app.base, ids, 'wait');
  await eventually(async () => ((await json(`${app!.base}/api/cases?processKey=${key}&node=wait`)).body.total === CASES ? true : undefined), 60_000, 'the cases in the list');
  // From here on the job's only worker is one that dies right after its first action.
  await app.workers[0].stop();
  const started = await post(`${app.base}/api/bulk`, { filter: { processKey: key }, action: { kind: 'cancel', reason: 'fault test' }, ratePerSecond: 5 });
  expect(started.status).toBe(202);
  const jobId = started.body.jobId as string;
  const doomed = await app.addWorker({ EPI_FAULT_POINT: 'bulk:after-action' });
  await eventually(async () => (alive(doomed.pid) ? undefined : true), 90_000, 'the worker to die mid-job');

  await app.addWorker();
  const job = await eventually(async () => {
    const res = await json(`${app!.base}/api/bulk/${jobId}`);
    return res.body.status === 'completed' ? res.body : undefined;
  }, 120_000, 'the job to complete');
  expect(job.counts).toEqual({ pending: 0, acting: 0, done: CASES, skipped: 0, failed: 0 });
  const items = (await json(`${app.base}/api/bulk/${jobId}/items?status=done`)).body.items as { caseId: string; reason: string; reasonCode: string }[];
  // The case cancelled as the worker died: found done in the audit trail, not cancelled again (said in words and by its code).
  expect(items.filter((i) => /interruption/.test(i.reason))).toHaveLength(1);
  expect(items.filter((i) => i.reasonCode === 'done_before_interruption')).toHaveLength(1);

  const db = await countingOn(process.env.TEST_DATABASE_URL!);
  try {
    const rows: { key: string; n: string }[] = await db.query(`SELECT key, count(*) AS n FROM audit_log WHERE action = 'cancel' AND key = ANY($1) GROUP BY key`, [ids]);
    expect(Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]))).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  } finally {
    await db.end();
  }
  for (const id of ids) {
    await eventually(async () => ((await json(`${app!.base}/api/cases/${id}`)).body.status === 'cancelled' ? true : undefined), 60_000, `${id} to be cancelled`);
  }
  // The batch the dead worker held was retried by the new one.
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
  try {
    const history = await new Client({ connection }).workflow.getHandle(jobId).fetchHistory();
    expect(Math.max(...(history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0))).toBeGreaterThanOrEqual(2);
  } finally {
    await connection.close();
  }
});
