/**
 * A ladder step that starts another process as a linked case, on the real server: the child
 * starts when the step is taken, with its input mapped from the case's variables, under an id of
 * the case, node, visit and step; it outlives the task and the case that started it; a step its
 * task's completion beat starts nothing; and a child already there under that id (a step seen
 * again) is the one linked case, not a failure. Hours last a second or more here (the ladder's
 * scale reads the case's timeScale); nothing measures time.
 */
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { snapshotOf } from '../../engine/processes/snapshot';
import { climbLadder } from '../../engine/tasks/ladder-steps';
import { stateQuery } from '../../workflows/messages';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { caseState, chain, publish, waitFor } from '../support/processes';

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

async function start(timeScale: number): Promise<{ caseId: string; taskId: string }> {
  const res = await app.api('POST', '/api/cases', { processKey: PARENT, input: { timeScale, pharmacy: { id: 'ph-17', name: '仁和大药房' } } });
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
