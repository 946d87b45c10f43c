/**
 * A ladder step that starts another process as a linked case, on the real server: the child
 * starts when the step is taken, with its input mapped from the case's variables, under an id of
 * the case, node, visit and step; it outlives the task and the case that started it; a step its
 * task's completion beat starts nothing; and a child already there under that id (a step seen
 * again) is the one linked case, not a failure. A linked case is a case of its own: read through
 * /api/cases/:id with its parent (and only by users of its parent's org unit), cancelled there, its
 * tasks under its own process; a subprocess node's child is one the same way. Hours last a second
 * or more here (the ladder's scale reads the case's timeScale); nothing measures time.
 */
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { snapshotOf } from '../../engine/processes/snapshot';
import { climbLadder } from '../../engine/tasks/ladder-steps';
import { stateQuery } from '../../workflows/messages';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { caseState, chain, publish, taskProcess, waitFor } from '../support/processes';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const sfx = uniqueKey('ls').slice(3);
const PARENT = `ladder-start-${sfx}`;
const CHILD = `ladder-child-${sfx}`;
const HOUR_SCALE = 1 / 3600;

/** The child: a wait that outlasts its parent (the parent ends right after the step), then its own end. */
const child = chain(CHILD, [
  { id: 'start', type: 'start' },
  { id: 'followUp', type: 'timer', duration: 'PT10S' },
  { id: 'end', type: 'end', outcome: 'followed-up' },
]);

/** The parent: a task whose ladder starts the child at PT1H, mapping the pharmacy's id and a fixed reason. */
const parent = chain(PARENT, [
  { id: 'start', type: 'start' },
  {
    id: 'report',
    type: 'task',
    title: { zh: '上报', en: 'Report' },
    ladder: {
      scale: 'timeScale',
      steps: [{ after: 'PT1H', actions: [{ do: 'startSubprocess', process: CHILD, input: { pharmacyId: 'pharmacy.id', reason: "'no report'" } }, { do: 'markOverdue' }] }],
    },
  },
  { id: 'end', type: 'end' },
]);

/** A linked case with a task of its own: the parent's ladder starts it at PT1H. */
const FOLLOW_UP = `ladder-follow-${sfx}`;
const FOLLOWING = `ladder-following-${sfx}`;
const following = chain(FOLLOWING, [
  { id: 'start', type: 'start' },
  {
    id: 'report',
    type: 'task',
    title: { zh: '上报', en: 'Report' },
    ladder: { scale: 'timeScale', steps: [{ after: 'PT1H', actions: [{ do: 'startSubprocess', process: FOLLOW_UP, input: { pharmacyId: 'pharmacy.id' } }] }] },
  },
  { id: 'end', type: 'end' },
]);
/** A process whose subprocess node runs the follow-up as its child. */
const CALLER = `ladder-caller-${sfx}`;
const caller = chain(CALLER, [
  { id: 'start', type: 'start' },
  { id: 'sub', type: 'subprocess', process: FOLLOW_UP, input: {} },
  { id: 'end', type: 'end' },
]);
const QJP = 'qingjiangpu';

async function start(timeScale: number, processKey = PARENT): Promise<{ caseId: string; taskId: string }> {
  const res = await app.api('POST', '/api/cases', { processKey, orgUnit: QJP, input: { timeScale, pharmacy: { id: 'ph-17', name: '仁和大药房' } } });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const task = await eventually(async () => (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body[0] as { id: string } | undefined, 30_000, 'the task');
  return { caseId, taskId: task.id };
}

/** The linked case a step starts: the task's case, node and visit (its id is `<case>:<node>:<visit>`), then step and action. */
const linkedId = (taskId: string) => `${taskId.split(':').join('.')}.ladder1-1`;
const stateOf = (id: string) => app.client.workflow.getHandle(id).query(stateQuery);
const childrenOf = async (caseId: string): Promise<string[]> =>
  (await app.platform.services.db.query(`SELECT case_id FROM case_projection WHERE parent_id = $1 ORDER BY case_id`, [caseId])).map((r: { case_id: string }) => r.case_id);

beforeAll(async () => {
  await publish(app, child);
  await publish(app, parent);
  await publish(app, taskProcess(FOLLOW_UP, 'Follow up'));
  await publish(app, following);
  await publish(app, caller);
});

test('the step starts the child with its mapped input; the child outlives the task and the case', async () => {
  const { caseId, taskId } = await start(HOUR_SCALE);
  const childId = linkedId(taskId);
  const started = await eventually(() => stateOf(childId).catch(() => undefined), 60_000, 'the linked case');
  expect(started).toMatchObject({ processKey: CHILD, variables: { pharmacyId: 'ph-17', reason: 'no report' } });
  expect((await app.client.workflow.getHandle(childId).describe()).parentExecution?.workflowId).toBe(caseId);
  expect(await eventually(async () => ((await childrenOf(caseId)).length ? childrenOf(caseId) : undefined), 30_000, 'the projection')).toEqual([childId]);
  const log = await app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId } });
  expect(log.map((l) => l.message.replace(/ \(due [^)]+\)/, ''))).toEqual([`deadline ladder step 1: start process ${CHILD}, mark overdue`]);

  // The parent's task is done and the parent ends: the linked case goes on, still waiting, to its own end.
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: {} })).status).toBe(200);
  await waitFor(app, caseId, 'completed');
  expect((await app.client.workflow.getHandle(childId).describe()).status.name).toBe('RUNNING');
  await app.client.workflow.getHandle(childId).result();
  expect((await stateOf(childId)).outcome).toBe('followed-up');
});

test('a task completed before the step starts nothing', async () => {
  // Hours of an hour: the step would come long after the test.
  const { caseId, taskId } = await start(1);
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: {} })).status).toBe(200);
  await waitFor(app, caseId, 'completed');
  expect(await childrenOf(caseId)).toEqual([]);
  await expect(app.client.workflow.getHandle(linkedId(taskId)).describe()).rejects.toThrow(/not found/i);
});

test('a step taken twice (a retried activity) stands once; a linked case already under its id is the one, and the parent goes on', async () => {
  // Hours of ten seconds: time enough to put a case under the step's id before the step comes.
  const { caseId, taskId } = await start(10 * HOUR_SCALE);
  const childId = linkedId(taskId);
  const snap = await snapshotOf(app.platform.services, CHILD);
  await app.client.workflow.start(PROCESS_WORKFLOW_TYPE, { taskQueue: app.platform.services.config.temporal.taskQueue, workflowId: childId, args: [{ ...snap, input: { early: true } }] });
  const task = await eventually(async () => {
    const [row] = await app.platform.services.db.query(`SELECT ladder_steps_taken, overdue, ladder FROM tasks WHERE id = $1`, [taskId]);
    return row.ladder_steps_taken === 1 ? row : undefined;
  }, 60_000, 'the step');
  expect(task.overdue).toBe(true);
  // The parent did not fail on the child's id being taken: its task is still open, and the case runs.
  expect((await caseState(app, caseId)).status).toBe('running');
  expect((await stateOf(childId)).variables).toEqual({ early: true });
  // The engine's side of a retried step: taken before, so it stands (the workflow then starts its subprocess, once per history).
  const step = task.ladder[0];
  expect(await climbLadder(app.platform.services.db, { index: 0, step, taskId, meta: { caseId, nodeId: 'report', visit: Number(taskId.split(':')[2]), processKey: PARENT, version: 1 } as never })).toBe('before');
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: {} })).status).toBe(200);
  await waitFor(app, caseId, 'completed');
});

test('a linked case is a case: read with its parent, hidden from another unit, its task under its own process, cancelled', async () => {
  const { caseId, taskId } = await start(HOUR_SCALE, FOLLOWING);
  const childId = linkedId(taskId);
  const linked = await eventually(async () => {
    const res = await app.api('GET', `/api/cases/${childId}`);
    return res.status === 200 && res.body.activeNodes.includes('check') ? res.body : undefined;
  }, 60_000, 'the linked case through the API');
  expect(linked).toMatchObject({ caseId: childId, processKey: FOLLOW_UP, version: 1, status: 'running', parentCaseId: caseId, orgUnit: QJP, startedBy: 'engine', variables: { pharmacyId: 'ph-17' }, linkedCases: [] });
  const parentView = await caseState(app, caseId);
  expect(parentView.parentCaseId).toBeNull();
  expect(parentView.linkedCases).toEqual([expect.objectContaining({ caseId: childId, processKey: FOLLOW_UP, version: 1, status: 'running' })]);

  // Who sees the parent sees the linked case; a user of another unit sees neither.
  const huaiyin = app.as(`hy-${sfx}`, { roles: ['supervisor'], orgUnits: ['huaiyin'] });
  expect((await huaiyin.api('GET', `/api/cases/${childId}`)).status).toBe(404);
  expect((await huaiyin.api('POST', `/api/cases/${childId}/cancel`, {})).status).toBe(404);
  const local = app.as(`qjp-${sfx}`, { roles: ['supervisor'], orgUnits: [QJP] });
  expect((await local.api('GET', `/api/cases/${childId}`)).body.parentCaseId).toBe(caseId);

  // Its task lists under its own process, not its parent's.
  const [task] = (await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(childId)}&status=open`)).body;
  expect(task).toMatchObject({ id: `${childId}:check:1`, processKey: FOLLOW_UP, orgUnit: QJP });
  expect((await app.api('GET', `/api/tasks?processKey=${FOLLOW_UP}&status=open`)).body.map((t: { id: string }) => t.id)).toContain(task.id);
  expect((await app.api('GET', `/api/tasks?processKey=${FOLLOWING}&status=open`)).body.map((t: { id: string }) => t.id)).not.toContain(task.id);

  // Cancelled through the API: the linked case ends, its task closes, the parent goes on.
  expect((await app.api('POST', `/api/cases/${childId}/cancel`, { reason: 'pharmacy reported after all' })).status).toBe(202);
  await waitFor(app, childId, 'cancelled');
  expect((await app.api('GET', `/api/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe('cancelled');
  expect((await caseState(app, caseId)).status).toBe('running');
  expect((await caseState(app, caseId)).linkedCases[0].status).toBe('cancelled');
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: {} })).status).toBe(200);
  await waitFor(app, caseId, 'completed');
});

test("a subprocess node's child is a case the same way", async () => {
  const res = await app.api('POST', '/api/cases', { processKey: CALLER, orgUnit: QJP, input: {} });
  expect(res.status).toBe(201);
  const childId = `${res.body.caseId}.sub.1`;
  const child = await eventually(async () => {
    const r = await app.api('GET', `/api/cases/${childId}`);
    return r.status === 200 ? r.body : undefined;
  }, 30_000, 'the subprocess child through the API');
  expect(child).toMatchObject({ processKey: FOLLOW_UP, parentCaseId: res.body.caseId, orgUnit: QJP });
  const [task] = await eventually(async () => {
    const tasks = (await app.api('GET', `/api/tasks?caseId=${childId}&status=open`)).body;
    return tasks.length ? tasks : undefined;
  }, 30_000, "the child's task");
  expect(task.processKey).toBe(FOLLOW_UP);
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { note: 'done' } })).status).toBe(200);
  await waitFor(app, res.body.caseId, 'completed');
});
