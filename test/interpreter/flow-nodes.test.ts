import { z } from 'zod';
import { defineActivity } from '../../engine/activities/define';
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { TaskEntity } from '../../engine/tasks/task.entity';
import { recordHistory } from '../support/fixtures';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, forkJoin, path, publish, startCase, waitFor } from '../support/processes';

const failNow = defineActivity({
  name: 'testFailNow',
  title: { zh: '测试失败', en: 'Test fail' },
  description: { zh: '立即失败', en: 'Fails at once, for good' },
  category: 'test',
  input: z.object({ delayMs: z.number().int().default(0) }),
  output: z.object({}),
  timeout: 'PT10S',
  retry: { maxAttempts: 1, initialInterval: 'PT1S', backoff: 1 },
  async handler(input) {
    await new Promise((r) => setTimeout(r, input.delayMs));
    throw new Error('branch failed');
  },
});

const app = useTestApp({ extraActivities: [failNow] });

async function historyEvents(id: string): Promise<string[]> {
  const h = await app.client.workflow.getHandle(id).fetchHistory();
  return (h.events ?? []).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')) ?? '');
}

test('parallel/join all: both branches run and the join waits for both', async () => {
  const key = uniqueKey('par');
  await publish(
    app,
    forkJoin(
      key,
      [
        [{ id: 'a', type: 'assign', assign: { a: '1' } }],
        [
          { id: 'wait', type: 'timer', duration: 'PT1S' },
          { id: 'b', type: 'assign', assign: { b: '2' } },
        ],
      ],
      [
        { id: 'sum', type: 'assign', assign: { total: 'a + b' } },
        { id: 'end', type: 'end', outcome: 'done' },
      ],
      { name: { zh: '并行', en: 'Parallel' } },
    ),
  );
  const s = await waitFor(app, await startCase(app, key), 'completed');
  expect(s.variables.total).toBe(3);
  expect(path(s).filter((n) => n === 'join')).toHaveLength(1);
  await recordHistory(app, 'parallel-all', s.caseId);
});

test('a failed parallel branch (its incident failed by an operator) cancels its siblings, and the case fails naming the node', async () => {
  const key = uniqueKey('parfail');
  await publish(
    app,
    forkJoin(
      key,
      [
        [{ id: 'boom', type: 'activity', activity: 'testFailNow', input: { delayMs: '300' } }],
        [{ id: 'long', type: 'timer', duration: 'PT1H' }],
        [{ id: 'waitEvent', type: 'event', event: 'never' }],
      ],
      [{ id: 'end', type: 'end' }],
      { name: { zh: '并行失败', en: 'Parallel failure' } },
    ),
  );
  const id = await startCase(app, key);
  // The branch's step failed for good: it waits with an incident while its siblings go on.
  const incident = await eventually(async () => (await app.api('GET', `/api/incidents?caseId=${id}&status=open`)).body[0]);
  expect(incident).toMatchObject({ nodeId: 'boom', error: 'branch failed' });
  expect((await app.api('POST', `/api/incidents/${encodeURIComponent(incident.id)}/resolve`, { action: 'fail', comment: 'cannot be done' })).status).toBe(200);
  const s = await waitFor(app, id, 'failed', undefined, 15_000);
  expect(s.error).toEqual({ nodeId: 'boom', message: 'branch failed (failed by admin: cannot be done)' });
  expect(s.activeNodes).toEqual([]);
  expect(await historyEvents(id)).toContain('timerCanceledEventAttributes');
  await recordHistory(app, 'parallel-branch-failure', id);
});

test('join any: the first branch to arrive wins and the other is cancelled', async () => {
  const key = uniqueKey('parany');
  await publish(
    app,
    forkJoin(
      key,
      [[{ id: 'quick', type: 'timer', duration: 'PT0.5S' }], [{ id: 'slow', type: 'timer', duration: 'PT1H' }]],
      [{ id: 'end', type: 'end', outcome: 'first' }],
      { joinMode: 'any', name: { zh: '任一', en: 'Any' } },
    ),
  );
  const id = await startCase(app, key);
  const s = await waitFor(app, id, 'completed', undefined, 15_000);
  expect(s.outcome).toBe('first');
  expect(await historyEvents(id)).toContain('timerCanceledEventAttributes');
});

test('task: the deadline escalates beside the open task; the form checks the data; completion moves on', async () => {
  const key = uniqueKey('task');
  await publish(
    app,
    chain(
      key,
      [
        { id: 'start', type: 'start' },
        {
          id: 'verify',
          type: 'task',
          title: { zh: '核查人员', en: 'Verify the person' },
          role: 'town-officer',
          form: { type: 'object', required: ['located'], properties: { located: { type: 'boolean' }, note: { type: 'string', maxLength: 100 } } },
          output: 'verification',
          deadline: 'PT1S',
        },
        { id: 'done', type: 'end', outcome: 'verified' },
        { id: 'escalate', type: 'activity', activity: 'log', input: { message: "'verification overdue'", level: "'warn'" } },
        { id: 'escalated', type: 'end' },
      ],
      [{ from: 'verify', to: 'escalate', on: 'timeout' }],
    ),
  );
  const id = await startCase(app, key);
  const repo = app.platform.services.db.getRepository(CaseLogEntity);
  const line = await eventually(async () => (await repo.findOneBy({ caseId: id })) ?? undefined, 15_000, 'the escalation');
  expect(line.message).toBe('verification overdue');
  const s = await waitFor(app, id, 'running', 'verify');
  expect(path(s)).toEqual(expect.arrayContaining(['escalate', 'escalated']));

  const task = await app.platform.services.db.getRepository(TaskEntity).findOneByOrFail({ caseId: id });
  expect(task.status).toBe('open');
  const listed = await app.api('GET', `/api/tasks?caseId=${id}&status=open`);
  expect(listed.body.map((t: { id: string }) => t.id)).toEqual([task.id]);

  const bad = await app.api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { note: 'x' } });
  expect(bad.status).toBe(422);
  expect(bad.body.error.problems).toEqual([expect.objectContaining({ path: 'data/located', code: 'schema_required' })]);

  const ok = await app.as('officer-7').api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { located: true } });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ status: 'completed', completedBy: 'officer-7' });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('verified');
  expect(done.variables.verification).toEqual({ located: true });

  const again = await app.api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { located: true } });
  expect(again.status).toBe(409);
  await recordHistory(app, 'task-deadline-escalation', id);
});

test('subprocess: the child runs its own published version with mapped input; its result comes back', async () => {
  const child = uniqueKey('child');
  await publish(
    app,
    chain(child, [
      { id: 'start', type: 'start' },
      { id: 'calc', type: 'assign', assign: { days: 'base + 2' } },
      { id: 'end', type: 'end', outcome: 'computed' },
    ]),
  );
  const parent = uniqueKey('parent');
  await publish(
    app,
    chain(parent, [
      { id: 'start', type: 'start' },
      { id: 'sub', type: 'subprocess', process: child, input: { base: 'quarantine' }, output: 'childResult' },
      { id: 'end', type: 'end' },
    ]),
  );
  const s = await waitFor(app, await startCase(app, parent, { quarantine: 5 }), 'completed');
  expect(s.variables.childResult).toEqual({ outcome: 'computed', variables: { base: 5, days: 7 } });
  await recordHistory(app, 'subprocess-parent', s.caseId);
});

test('cancel runs to a clean end: open tasks are cancelled', async () => {
  const key = uniqueKey('cancel');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'todo', type: 'task', title: { zh: '待办', en: 'To do' } },
      { id: 'end', type: 'end' },
    ]),
  );
  const id = await startCase(app, key);
  await waitFor(app, id, 'running', 'todo');
  expect((await app.api('POST', `/api/cases/${id}/cancel`)).status).toBe(202);
  const s = await waitFor(app, id, 'cancelled');
  expect(s.status).toBe('cancelled');
  const task = await eventually(async () => {
    const t = await app.platform.services.db.getRepository(TaskEntity).findOneByOrFail({ caseId: id });
    return t.status === 'cancelled' ? t : undefined;
  });
  expect(task.status).toBe('cancelled');
  // The case reports 'cancelled' while its cleanup runs; Temporal closes it just after.
  await eventually(async () => ((await app.client.workflow.getHandle(id).describe()).status.name === 'CANCELLED' ? true : undefined));
  expect((await app.api('POST', `/api/cases/${id}/events/x`, {})).status).toBe(409);
  await recordHistory(app, 'cancelled-with-open-task', id);
});
