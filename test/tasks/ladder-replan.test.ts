/**
 * Re-planning open ladders on the real server: an administrator changes the hours in the rule set
 * a ladder reads, previews how many open tasks read it, and re-plans some cases. Their steps not
 * yet taken are re-timed from the new outcome (the step already taken stays taken), the task row
 * holds the new ladder, and the step fires at its new time; a case left out keeps its ladder, and
 * a step whose new time is past fires at once. Event waits' and timers' ladders are counted by the
 * preview (by kind and org unit) and re-planned with the tasks'. Hours last a second here (the
 * ladder's scale reads the case's timeScale).
 */
import { AuditEntity } from '../../engine/audit/audit.entity';
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { TaskEntity } from '../../engine/tasks/task.entity';
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { recordHistory } from '../support/fixtures';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { publishRuleSet } from '../support/rules';

jest.setTimeout(180_000);

const app = useTestApp({ seed: false });
const sfx = uniqueKey('lr').slice(3);
const P = `ladder-replan-${sfx}`;
const R = `visit-hours-${sfx}`;
const GROUP = `street-${sfx}`;
const HOUR_MS = 1000;

/** The rule set the ladder reads: its first step after `first`, its second (overdue) after `second`. */
const hours = (first: string, second: string): RulesRuleSet => ({
  key: R,
  name: { zh: '上门时限', en: 'Visit hours' },
  kind: 'rules',
  facts: { kind: { type: 'string' } },
  rules: [{ name: 'visit', conditions: { all: [{ fact: 'kind', operator: 'equal', value: 'visit' }] }, event: { type: 'hours', params: { first, second } } }],
});

const process = chain(P, [
  { id: 'start', type: 'start' },
  {
    id: 'visit',
    type: 'task',
    title: { zh: '上门核查', en: 'Home visit' },
    group: GROUP,
    ladder: {
      scale: 'timeScale',
      rules: { ruleset: R, facts: { kind: "'visit'" } },
      steps: [
        { after: { param: 'first' }, actions: [{ do: 'raisePriority', to: 3 }] },
        { after: { param: 'second' }, actions: [{ do: 'markOverdue' }] },
      ],
    },
  },
  { id: 'end', type: 'end' },
]);

const taskRow = (id: string) => app.platform.services.db.getRepository(TaskEntity).findOneByOrFail({ id });
const stepAudits = (taskId: string) => app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'task', key: taskId, action: 'ladder_step' }, order: { id: 'ASC' } });

async function open(): Promise<{ caseId: string; taskId: string }> {
  const caseId = await startCase(app, P, { timeScale: HOUR_MS / 3_600_000 });
  const task = await eventually(async () => (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body[0] as { id: string } | undefined, 30_000, 'the task');
  return { caseId, taskId: task.id };
}

async function stepsTaken(taskId: string, n: number): Promise<void> {
  await eventually(async () => ((await taskRow(taskId)).ladderStepsTaken >= n ? true : undefined), 90_000, `${n} step(s) of ${taskId}`);
}

/** The rule sets' designer, who publishes and re-plans. */
const designer = () => app.as('tester');
const replan = (body: Record<string, unknown>) => designer().api('POST', `/api/rulesets/${R}/replan-ladders`, body);

/** The same ladder on an event wait and on a timer (which may only notify): no task row holds them. */
const notifying = {
  scale: 'timeScale',
  rules: { ruleset: R, facts: { kind: "'visit'" } },
  steps: [
    { after: { param: 'first' }, actions: [{ do: 'notify' as const, to: { group: GROUP } }] },
    { after: { param: 'second' }, actions: [{ do: 'notify' as const, to: { group: GROUP } }] },
  ],
};
const EVENT_P = `ladder-replan-event-${sfx}`;
const eventProcess = chain(EVENT_P, [
  { id: 'start', type: 'start' },
  { id: 'wait', type: 'event', event: 'result', ladder: notifying },
  { id: 'end', type: 'end' },
]);
const TIMER_P = `ladder-replan-timer-${sfx}`;
const timerProcess = chain(TIMER_P, [
  { id: 'start', type: 'start' },
  { id: 'pause', type: 'timer', duration: '500 * 3600000 * timeScale', ladder: notifying },
  { id: 'end', type: 'end' },
]);

beforeAll(async () => {
  await publishRuleSet(app, hours('PT1H', 'PT60H'));
  await publish(app, process);
  await publish(app, eventProcess);
  await publish(app, timerProcess);
});

test('re-planned steps fire at their new time and the task row shows them; the step taken stays taken; a case left out keeps its ladder', async () => {
  const a = await open();
  const b = await open();
  await stepsTaken(a.taskId, 1);
  await stepsTaken(b.taskId, 1);
  const before = await taskRow(a.taskId);
  const base = Date.parse(before.ladder![0].at) - HOUR_MS;
  expect(Date.parse(before.ladder![1].at)).toBe(base + 60 * HOUR_MS);
  const untouched = (await taskRow(b.taskId)).ladder;

  // The administrator shortens the second step to 15 h and moves the first (already taken) to 20 h.
  await publishRuleSet(app, hours('PT20H', 'PT15H'));
  const preview = await designer().api('GET', `/api/rulesets/${R}/replan-ladders`);
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ ruleset: R, ladders: 2, tasks: 2, cases: 2, byKind: { task: 2, event: 0, timer: 0 }, byNode: [{ processKey: P, version: 1, nodeId: 'visit', kind: 'task', ladders: 2 }] });

  const res = await replan({ caseIds: [a.caseId], expectedTasks: 1 });
  expect(res.status).toBe(200);
  const newAt = new Date(base + 15 * HOUR_MS).toISOString();
  expect(res.body).toMatchObject({ ladders: 1, tasks: 1, replanned: 1, cases: [{ caseId: a.caseId, ladders: [{ nodeId: 'visit', taskId: a.taskId, taken: 1 }] }] });
  expect(res.body.cases[0].ladders[0].plan.map((s: { at: string }) => s.at)).toEqual([before.ladder![0].at, newAt]);
  expect(Date.now()).toBeLessThan(Date.parse(newAt));

  // The row holds the new ladder (the step taken as it was), and the task is due when it turns overdue.
  const replanned = await taskRow(a.taskId);
  expect(replanned.ladder!.map((s) => s.at)).toEqual([before.ladder![0].at, newAt]);
  expect(replanned.dueAt?.toISOString()).toBe(newAt);
  expect([replanned.ladderStepsTaken, replanned.priority, replanned.overdue]).toEqual([1, 3, false]);

  // The second step fires at its new time: not before it, and long before its old one.
  await stepsTaken(a.taskId, 2);
  const [first, second] = await stepAudits(a.taskId);
  expect((first.detail as { at: string }).at).toBe(before.ladder![0].at);
  expect((second.detail as { at: string }).at).toBe(newAt);
  expect(second.at.getTime()).toBeGreaterThanOrEqual(Date.parse(newAt));
  expect(second.at.getTime()).toBeLessThan(base + 60 * HOUR_MS);
  expect((await taskRow(a.taskId)).overdue).toBe(true);

  // The case left out keeps the ladder it opened with, and its second step has not come.
  const kept = await taskRow(b.taskId);
  expect(kept.ladder).toEqual(untouched);
  expect([kept.ladderStepsTaken, kept.overdue]).toEqual([1, false]);

  const log = await app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId: a.caseId }, order: { id: 'ASC' } });
  expect(log.map((l) => l.message)).toContain(`deadline ladder re-planned from rule set ${R} by tester: 1 step(s) taken stay; step 2 due ${newAt}`);
  const audited = await app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'ruleset', key: R, action: 'replan_ladders' } });
  expect(audited.map((r) => [r.actor, r.detail])).toEqual([['tester', { ladders: 1, tasks: 1, cases: 1, replanned: 1, skipped: [] }]]);

  // The replanned case goes on as any other; its history (with the update) is a replay fixture.
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(a.taskId)}/complete`, { data: {} })).status).toBe(200);
  await waitFor(app, a.caseId, 'completed');
  await recordHistory(app, 'ladder-replanned', a.caseId);
  await app.api('POST', `/api/cases/${b.caseId}/cancel`);
});

test('a step whose new time has passed fires at once', async () => {
  await publishRuleSet(app, hours('PT1H', 'PT60H'));
  const c = await open();
  await stepsTaken(c.taskId, 1);
  await publishRuleSet(app, hours('PT1H', 'PT1H'));
  const res = await replan({ caseIds: [c.caseId] });
  expect(res.status).toBe(200);
  expect(res.body.replanned).toBe(1);
  const asked = Date.now();
  await stepsTaken(c.taskId, 2);
  const [, second] = await stepAudits(c.taskId);
  // At once: well before the hour (a second here) its first time would have allowed, and far before its old 60.
  expect(second.at.getTime() - asked).toBeLessThan(15 * HOUR_MS);
  expect((await taskRow(c.taskId)).overdue).toBe(true);
  await app.api('POST', `/api/cases/${c.caseId}/cancel`);
});

test('the re-plan is checked: permission, rule set, body, a stale preview; a case none of whose ladders reads it is left alone', async () => {
  const operator = app.as(`op-${sfx}`, { roles: ['operator'] });
  expect((await operator.api('GET', `/api/rulesets/${R}/replan-ladders`)).status).toBe(403);
  expect((await operator.api('POST', `/api/rulesets/${R}/replan-ladders`, {})).status).toBe(403);
  expect((await designer().api('GET', `/api/rulesets/no-such-${sfx}/replan-ladders`)).status).toBe(404);
  const bad = await replan({ caseIds: ['not a case'] });
  expect(bad.status).toBe(422);
  expect(JSON.stringify(bad.body)).toContain('caseIds');
  expect((await replan({ expectedTasks: -1 })).status).toBe(422);

  await publishRuleSet(app, hours('PT60H', 'PT60H'));
  const d = await open();
  const stale = await replan({ caseIds: [d.caseId], expectedTasks: 5 });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('replan_preview_stale');
  // Another rule set: no open ladder reads it.
  await publishRuleSet(app, { ...hours('PT1H', 'PT1H'), key: `other-${sfx}` });
  const other = await designer().api('POST', `/api/rulesets/other-${sfx}/replan-ladders`, { caseIds: [d.caseId] });
  expect(other.body).toMatchObject({ tasks: 0, replanned: 0, cases: [] });
  expect((await taskRow(d.taskId)).ladderStepsTaken).toBe(0);
  await app.api('POST', `/api/cases/${d.caseId}/cancel`);
});

test("event waits' and timers' ladders are counted by kind and org unit, re-planned with the tasks', and a stale count is refused", async () => {
  // The earlier tests' cases were cancelled: their tasks close as the cancel reaches them.
  await eventually(async () => ((await designer().api('GET', `/api/rulesets/${R}/replan-ladders`)).body.ladders === 0 ? true : undefined), 30_000, 'no open ladder left');
  await publishRuleSet(app, hours('PT60H', 'PT90H'));
  const timeScale = HOUR_MS / 3_600_000;
  const task = await open();
  const waiting = await startCase(app, EVENT_P, { timeScale }, { orgUnit: 'huaiyin' });
  const pausing = await startCase(app, TIMER_P, { timeScale }, { orgUnit: 'qingjiangpu' });
  await waitFor(app, waiting, 'running', 'wait');
  await waitFor(app, pausing, 'running', 'pause');

  const preview = await eventually(async () => {
    const res = await designer().api('GET', `/api/rulesets/${R}/replan-ladders`);
    return res.body.ladders === 3 ? res.body : undefined;
  }, 30_000, 'the three open ladders in the preview');
  expect(preview).toMatchObject({ ladders: 3, tasks: 1, cases: 3, byKind: { task: 1, event: 1, timer: 1 } });
  expect(preview.byNode).toEqual(expect.arrayContaining([
    { processKey: EVENT_P, version: 1, nodeId: 'wait', kind: 'event', ladders: 1 },
    { processKey: TIMER_P, version: 1, nodeId: 'pause', kind: 'timer', ladders: 1 },
  ]));
  expect(preview.byUnit).toEqual(expect.arrayContaining([{ orgUnit: 'huaiyin', ladders: 1 }]));
  expect(preview.byUnit.reduce((n: number, u: { ladders: number }) => n + u.ladders, 0)).toBe(3);
  // A supervisor of one district counts that district's only.
  const huaiyin = app.as(`hy-${sfx}`, { roles: ['supervisor', 'designer'], orgUnits: ['huaiyin'] });
  expect((await huaiyin.api('GET', `/api/rulesets/${R}/replan-ladders`)).body).toMatchObject({ ladders: 1, byKind: { task: 0, event: 1, timer: 0 }, byUnit: [{ orgUnit: 'huaiyin', ladders: 1 }] });

  // A count of tasks alone no longer matches all there is to re-plan: refused, as a stale preview.
  const stale = await replan({ expectedLadders: 1 });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('replan_preview_stale');

  await publishRuleSet(app, hours('PT30H', 'PT40H'));
  const res = await replan({ expectedLadders: 3, caseIds: [task.caseId, waiting, pausing] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ ladders: 3, tasks: 1, replanned: 3 });
  const planned = Object.fromEntries(res.body.cases.map((c: { caseId: string; ladders: { nodeId: string; plan: { at: string }[] }[] }) => [c.caseId, c.ladders]));
  expect(planned[waiting].map((l: { nodeId: string }) => l.nodeId)).toEqual(['wait']);
  expect(planned[pausing].map((l: { nodeId: string }) => l.nodeId)).toEqual(['pause']);
  // From the same start, 40 hours of a second after it instead of 90.
  const [first, second] = planned[waiting][0].plan.map((s: { at: string }) => Date.parse(s.at));
  expect(second - first).toBe(10 * HOUR_MS);
  const log = await app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId: pausing } });
  expect(log.map((l) => l.message).join('\n')).toContain(`deadline ladder re-planned from rule set ${R} by tester`);
  for (const id of [task.caseId, waiting, pausing]) await app.api('POST', `/api/cases/${id}/cancel`);
});
