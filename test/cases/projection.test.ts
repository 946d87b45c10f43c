/**
 * The case projection is kept by the worker and repaired from Temporal: writing an event twice
 * leaves one row, a real case's visits are recorded once each, and the reconciler brings back a
 * deleted row (with the node its case waits in) and ends a row left 'running' for an ended case.
 * A child case (a subprocess's) whose `cases` row was lost gets it back; a case whose workflow carries
 * no labels is rebuilt from its own row. A failed case keeps its error there, and every case where it
 * stands and its path, for an answer no worker can give.
 */
import { randomBytes } from 'node:crypto';
import { ProjectionStore } from '../../engine/cases/projection/store';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { eventually, startTestApp, uniqueKey, useTestApp } from '../support/app';
import { caseState, chain, publish, startCase, taskProcess, waitFor } from '../support/processes';

// A short grace: a case with no row is rebuilt once it is a second old (the worker writes rows far sooner).
const app = useTestApp({ seed: false, env: { CASE_START_GRACE_MS: '1000' } });

const row = async (id: string) => ((await app.platform.services.db.query(`SELECT * FROM case_projection WHERE case_id = $1`, [id])) as Record<string, unknown>[])[0];
const visits = (id: string): Promise<{ node_id: string; visit: number; left_at: Date | null; outcome: string | null }[]> =>
  app.platform.services.db.query(`SELECT node_id, visit, left_at, outcome FROM case_visits WHERE case_id = $1 ORDER BY entered_at, node_id`, [id]);

test('the same event written twice leaves one row, and a case never leaves its end', async () => {
  const store = new ProjectionStore(app.platform.services.db);
  const id = `${uniqueKey('idem')}.${randomBytes(16).toString('hex')}`;
  const started = { processKey: 'idem', version: 1, run: 1, orgUnit: 'huaian', startedAt: Date.parse('2026-11-01T08:00:00Z') };
  const entered = { processKey: 'idem', version: 1, nodeId: 'check', type: 'task', visit: 1, enteredAt: '2026-11-01T08:00:01.000Z' };
  const left = { ...entered, leftAt: '2026-11-01T09:00:00.000Z', outcome: 'completed' };
  for (let i = 0; i < 2; i++) await store.started(id, started);
  for (let i = 0; i < 2; i++) await store.visited(id, entered);
  expect(await row(id)).toMatchObject({ status: 'running', current_nodes: ['check'] });
  for (let i = 0; i < 2; i++) await store.visited(id, left);
  // A late copy of the entry (another worker's retry) does not reopen the visit.
  await store.visited(id, entered);
  expect(await visits(id)).toEqual([{ node_id: 'check', visit: 1, left_at: new Date(left.leftAt), outcome: 'completed' }]);
  expect(await row(id)).toMatchObject({ current_nodes: [] });
  await store.ended(id, 'completed', new Date('2026-11-01T09:00:01Z'));
  await store.ended(id, 'failed', new Date('2026-11-01T10:00:00Z'));
  // A replayed start of the first run changes nothing either.
  await store.started(id, started);
  const r = await row(id);
  expect([r.status, (r.ended_at as Date).toISOString(), r.version]).toEqual(['completed', '2026-11-01T09:00:01.000Z', 1]);
  expect(await app.platform.services.db.query(`SELECT count(*)::int AS n FROM case_projection WHERE case_id = $1`, [id])).toEqual([{ n: 1 }]);
});

test("a real case's visits are recorded once each, with its current node and end", async () => {
  const key = uniqueKey('visits');
  await publish(app, taskProcess(key));
  const id = await startCase(app, key);
  await waitFor(app, id, 'running', 'check');
  await eventually(async () => ((await row(id))?.current_nodes as string[] | undefined)?.includes('check') || undefined);
  const task = `${id}:check:1`;
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(task)}/complete`, { data: { note: 'ok' } })).status).toBe(200);
  await waitFor(app, id, 'completed');
  const r = await eventually(async () => ((await row(id))?.status === 'completed' ? row(id) : undefined));
  expect(r).toMatchObject({ process_key: key, version: 1, current_nodes: [], org_unit: 'huaian' });
  const state = await caseState(app, id);
  const seen = await visits(id);
  // Visits entered in the same workflow task share a time, so compared as sets.
  expect(seen.map((v) => `${v.node_id}#${v.visit}`).sort()).toEqual(state.history.map((h: { nodeId: string; visit: number }) => `${h.nodeId}#${h.visit}`).sort());
  expect(seen.every((v) => v.left_at !== null)).toBe(true);
});

test('the reconciler brings back a deleted row and ends a stale one, from Temporal', async () => {
  const waiting = uniqueKey('recon-wait');
  const straight = uniqueKey('recon-done');
  await publish(app, taskProcess(waiting));
  await publish(app, chain(straight, [{ id: 'start', type: 'start' }, { id: 'end', type: 'end' }]));
  const lost = await startCase(app, waiting, {}, { orgUnit: 'huaiyin' });
  const ended = await startCase(app, straight);
  await eventually(async () => ((await row(lost))?.current_nodes as string[] | undefined)?.includes('check') || undefined);
  await eventually(async () => ((await row(ended))?.status === 'completed' ? true : undefined));
  // Temporal's visibility must show the end before the reconciler can see it.
  await eventually(async () => ((await app.client.workflow.getHandle(ended).describe()).status.name === 'COMPLETED' ? true : undefined));

  const db = app.platform.services.db;
  await db.query(`DELETE FROM case_projection WHERE case_id = $1`, [lost]);
  await db.query(`DELETE FROM case_visits WHERE case_id = $1`, [lost]);
  await db.query(`UPDATE case_projection SET status = 'running', ended_at = NULL, current_nodes = '{end}' WHERE case_id = $1`, [ended]);

  // Listed by visibility (which lags), so a pass may need to come again.
  await eventually(async () => {
    await app.platform.reconcile!();
    return (await row(lost)) && (await row(ended)).status === 'completed' ? true : undefined;
  }, 30_000, 'the projection repaired');
  expect(await row(lost)).toMatchObject({ status: 'running', process_key: waiting, version: 1, org_unit: 'huaiyin', current_nodes: ['check'] });
  expect((await visits(lost)).map((v) => [v.node_id, v.left_at === null]).sort()).toEqual([['check', true], ['start', false]]);
  expect(await row(ended)).toMatchObject({ status: 'completed', current_nodes: [], ended_at: expect.any(Date) });
  const listed = await app.api('GET', `/api/cases?processKey=${waiting}&node=check`);
  expect(listed.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([lost]);
});

test("the reconciler gives a child case the cases row its start did not write", async () => {
  const child = uniqueKey('recon-child');
  const caller = uniqueKey('recon-caller');
  await publish(app, taskProcess(child));
  await publish(app, chain(caller, [{ id: 'start', type: 'start' }, { id: 'sub', type: 'subprocess', process: child, input: {} }, { id: 'end', type: 'end' }]));
  const parent = await startCase(app, caller, {}, { orgUnit: 'huaiyin' });
  const childId = `${parent}.sub.1`;
  await eventually(async () => ((await row(childId))?.current_nodes as string[] | undefined)?.includes('check') || undefined, 30_000, 'the child waiting');
  const db = app.platform.services.db;
  // As if the child's start had been written before its parent's row was there.
  await db.query(`DELETE FROM cases WHERE id = $1`, [childId]);
  expect((await app.api('GET', `/api/cases/${childId}`)).status).toBe(404);
  await eventually(async () => {
    await app.platform.reconcile!();
    return (await db.query(`SELECT 1 FROM cases WHERE id = $1`, [childId])).length ? true : undefined;
  }, 30_000, 'the child adopted');
  expect(await caseState(app, childId)).toMatchObject({ processKey: child, parentCaseId: parent, orgUnit: 'huaiyin', startedBy: 'engine' });
});

test("a case whose workflow was started without the case's labels is rebuilt with its own row's process, version and unit", async () => {
  const key = uniqueKey('recon-unlabelled');
  const id = `${key}.${randomBytes(8).toString('hex')}`;
  await app.platform.services.db.query(`INSERT INTO cases (id, process_key, version, started_by, state, org_unit) VALUES ($1, $2, 3, 'test', 'started', 'huaiyin')`, [id, key]);
  // Started by hand, with no search attributes, and input it cannot read: it never writes a row of its own.
  const handle = await app.client.workflow.start(PROCESS_WORKFLOW_TYPE, { taskQueue: app.taskQueue, workflowId: id, args: [{ definition: null }] });
  try {
    await eventually(async () => {
      await app.platform.reconcile!();
      return (await row(id)) ? true : undefined;
    }, 30_000, 'the row rebuilt');
    expect(await row(id)).toMatchObject({ process_key: key, version: 3, org_unit: 'huaiyin', status: 'running' });
  } finally {
    await handle.terminate('test over');
  }
});

test('a failed case whose state no worker answers still says why it failed, from its projection', async () => {
  // The case runs on another app's task queue; once that app (and its worker) is gone, this app's
  // query for the case's state finds no worker, and the answer falls back to what the projection kept.
  const other = await startTestApp({ seed: false });
  let id: string;
  let failed: { error: unknown };
  try {
    const key = uniqueKey('fails');
    await publish(other, chain(key, [{ id: 'start', type: 'start' }, { id: 'calc', type: 'assign', assign: { v: '[1..10000000]' } }, { id: 'end', type: 'end' }]));
    id = await startCase(other, key);
    failed = await waitFor(other, id, 'failed');
    expect(failed.error).toMatchObject({ nodeId: 'calc', code: 'expression_budget' });
    await eventually(async () => ((await row(id)).status === 'failed' ? true : undefined));
    expect((await row(id)).error).toEqual(failed.error);
  } finally {
    await other.stop();
  }
  // A short wait, as the case page asks for: the answer says that no worker answered; the error is
  // the one the case failed with, and the visits are the projection's.
  const res = await app.api('GET', `/api/cases/${id}?waitMs=1000`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'failed', stateUnavailable: 'no-answer', activeNodes: [], variables: {}, error: failed.error });
  expect(res.body.history.map((h: { nodeId: string }) => h.nodeId)).toEqual(['start', 'calc']);
}, 90_000);

test('a waiting case no worker answers for is shown from its record: where it waits and the path it took, without variables', async () => {
  const other = await startTestApp({ seed: false });
  let id: string;
  try {
    const key = uniqueKey('record');
    await publish(other, taskProcess(key));
    id = await startCase(other, key, { note: 'private' });
    await waitFor(other, id, 'running', 'check');
    await eventually(async () => ((await row(id))?.current_nodes as string[] | undefined)?.includes('check') || undefined);
  } finally {
    await other.stop();
  }
  // The worker is gone from here on.
  const asked = Date.now();
  const res = await app.api('GET', `/api/cases/${id}?waitMs=1000`);
  const waited = Date.now() - asked;
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'running', stateUnavailable: 'no-answer', activeNodes: ['check'], variables: {}, historyDropped: 0, run: 1, version: 1 });
  expect(res.body.history).toEqual([
    expect.objectContaining({ nodeId: 'start', type: 'start', visit: 1, leftAt: expect.any(String), edgeId: 'e1' }),
    { nodeId: 'check', type: 'task', visit: 1, enteredAt: expect.any(String) },
  ]);
  // The reader's bound holds (the default would have waited 20 s for a worker that is gone).
  expect(waited).toBeLessThan(10_000);

  // Once no worker has polled the case's task queue for 20 s, Temporal refuses the query at once
  // (FAILED_PRECONDITION): still a case nobody answers for, not one whose code cannot replay.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, asked + 25_000 - Date.now())));
  expect((await app.api('GET', `/api/cases/${id}?waitMs=5000`)).body).toMatchObject({ status: 'running', stateUnavailable: 'no-answer', activeNodes: ['check'] });
}, 120_000);

test("a reader that does not wait gets a live case's record at once; a wait out of bounds is refused, naming it", async () => {
  const key = uniqueKey('nowait');
  await publish(app, taskProcess(key));
  const id = await startCase(app, key);
  await waitFor(app, id, 'running', 'check');
  await eventually(async () => ((await row(id))?.current_nodes as string[] | undefined)?.includes('check') || undefined);
  expect((await app.api('GET', `/api/cases/${id}?waitMs=0`)).body).toMatchObject({ status: 'running', stateUnavailable: 'no-answer', activeNodes: ['check'], variables: {} });
  expect((await app.api('GET', `/api/cases/${id}?waitMs=5000`)).body).not.toHaveProperty('stateUnavailable');
  for (const bad of ['-1', '20001', '1.5', 'soon']) {
    const res = await app.api('GET', `/api/cases/${id}?waitMs=${bad}`);
    expect([bad, res.status]).toEqual([bad, 400]);
    expect(JSON.stringify(res.body)).toContain('waitMs');
  }
  expect((await app.api('GET', `/api/cases/${id}?wait=1`)).status).toBe(400);
});
