/**
 * A case start killed between its two steps (the database row, the workflow) is
 * consistent after a restart: no row without a workflow, no workflow without a row.
 * The API process here is real and really dies (EPI_FAULT_POINT makes it SIGKILL itself).
 */
import type { ChildProcess } from 'node:child_process';
import { caseIdFor } from '../../engine/cases/business-key';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { freePort, runMain, waitForOutput } from '../support/os-processes';
import { publish, taskProcess } from '../support/processes';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });

/** `npm run api` against the suite's Temporal and database, on the test app's task queue (its worker runs the cases). */
async function api(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = runMain('api', {
    PORT: String(port),
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
    TEMPORAL_TASK_QUEUE: app.taskQueue,
    SEED: 'false',
    LOG_LEVEL: 'warn',
    CASE_START_GRACE_MS: '1500',
    ...env,
  });
  await waitForOutput(child, /Web app:\s+http/, 60_000);
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/** A case start as the test app's administrator (its API token works on every API process of the database). */
const startBody = async (processKey: string, businessKey: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(await app.headers()) },
  body: JSON.stringify({ processKey, businessKey, input: {} }),
});

async function rowState(id: string): Promise<string | undefined> {
  const rows = await app.platform.services.db.query(`SELECT state FROM cases WHERE id = $1`, [id]);
  return rows[0]?.state;
}

async function workflowExists(id: string): Promise<boolean> {
  return app.client.workflow
    .getHandle(id)
    .describe()
    .then(() => true, () => false);
}

test('killed after the row, before the workflow: after a restart the half-done start is removed and the same key starts cleanly', async () => {
  const key = uniqueKey('crash-row');
  await publish(app, taskProcess(key));
  const businessKey = `3208${Date.now()}`;
  const { id } = caseIdFor(app.platform.services.config.hashSecret!, key, businessKey);

  const doomed = await api({ EPI_FAULT_POINT: 'case-start:after-row' });
  const exited = new Promise((r) => doomed.child.once('exit', (code, signal) => r(signal ?? code)));
  await expect(fetch(`${doomed.url}/api/cases`, await startBody(key, businessKey))).rejects.toThrow();
  // tsx's CLI reports its child's SIGKILL as exit code 137.
  expect([137, 'SIGKILL']).toContain(await exited);
  expect(await rowState(id)).toBe('starting');
  expect(await workflowExists(id)).toBe(false);

  const restarted = await api();
  try {
    await eventually(async () => ((await rowState(id)) === undefined ? true : undefined), 30_000, 'the reconciler to remove the half-done start');
    expect((await fetch(`${restarted.url}/api/cases/${id}`, { headers: await app.headers() })).status).toBe(404);
    const again = await fetch(`${restarted.url}/api/cases`, await startBody(key, businessKey));
    expect(again.status).toBe(201);
    expect(await rowState(id)).toBe('started');
    expect(await workflowExists(id)).toBe(true);
  } finally {
    await stop(restarted.child);
  }
});

test('killed after the workflow, before the row was marked: after a restart the case is there, readable, and its row started', async () => {
  const key = uniqueKey('crash-wf');
  await publish(app, taskProcess(key));
  const businessKey = `3209${Date.now()}`;
  const { id } = caseIdFor(app.platform.services.config.hashSecret!, key, businessKey);

  const doomed = await api({ EPI_FAULT_POINT: 'case-start:after-workflow' });
  await expect(fetch(`${doomed.url}/api/cases`, await startBody(key, businessKey))).rejects.toThrow();
  expect(await rowState(id)).toBe('starting');
  expect(await workflowExists(id)).toBe(true);

  const restarted = await api();
  try {
    const res = await fetch(`${restarted.url}/api/cases/${id}`, { headers: await app.headers() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('running');
    expect(await rowState(id)).toBe('started');
    const dup = await fetch(`${restarted.url}/api/cases`, await startBody(key, businessKey));
    expect(dup.status).toBe(409);
  } finally {
    await stop(restarted.child);
  }
});
