/**
 * Deadline ladders on the real server: a task's ladder climbs step by step beside the open task
 * (notice sent, group reassigned, priority raised, overdue marked), each step recorded in the case
 * log and the audit trail, and stops when the task is completed. Hours last a second here
 * (the ladder's scale reads the case's timeScale); nothing here measures time.
 */
import { AuditEntity } from '../../engine/audit/audit.entity';
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { TaskEntity } from '../../engine/tasks/task.entity';
import type { Ladder } from '../../workflows/definition/ladder-schema';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { adultRules, publishRuleSet } from '../support/rules';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const sfx = uniqueKey('ld').slice(3);
const P = `ladder-${sfx}`;
const STREET = `street-${sfx}`;
const DISTRICT = `district-${sfx}`;
const CITY = `city-${sfx}`;
const QJP = 'qingjiangpu';
/** An hour of the ladder lasts a second. */
const HOUR_SCALE = 1 / 3600;

const LADDER: Ladder = {
  scale: 'timeScale',
  steps: [
    { after: 'PT1H', actions: [{ do: 'notify' }] },
    { after: 'PT3H', actions: [{ do: 'reassign', group: DISTRICT }, { do: 'raisePriority', to: 5 }] },
    { after: 'PT8H', actions: [{ do: 'reassign', group: CITY }, { do: 'markOverdue' }, { do: 'notify', to: { group: CITY } }] },
  ],
};

/** start → visit (a task of the street's group, with the ladder) → cooldown (a timer past every step) → end. */
function ladderProcess() {
  return chain(P, [
    { id: 'start', type: 'start' },
    { id: 'visit', type: 'task', title: { zh: '上门核查', en: 'Home visit' }, group: STREET, ladder: LADDER, form: { type: 'object', properties: { note: { type: 'string' } } } },
    // Keeps the case running, in its own logical time, until every step would have come due.
    { id: 'cooldown', type: 'timer', duration: '8.5 * 3600000 * timeScale' },
    { id: 'done', type: 'end', outcome: 'visited' },
  ]);
}

/** start → wait (for the lab's result, with a ladder that tells the city) → cooldown → end: a ladder without a task. */
const E = `ladder-event-${sfx}`;
function eventLadderProcess() {
  return chain(E, [
    { id: 'start', type: 'start' },
    {
      id: 'wait',
      type: 'event',
      event: 'result',
      ladder: {
        scale: 'timeScale',
        steps: [
          { after: 'PT1H', actions: [{ do: 'notify', to: { group: CITY } }] },
          { after: 'PT5H', actions: [{ do: 'notify', to: { group: CITY } }] },
        ],
      },
    },
    { id: 'cooldown', type: 'timer', duration: '6 * 3600000 * timeScale' },
    { id: 'done', type: 'end' },
  ]);
}

const streetWorker = () => app.as(`wang-${sfx}`, { roles: ['operator'], orgUnits: [QJP], groups: [STREET] });
const cityOfficer = () => app.as(`li-${sfx}`, { roles: ['operator'], orgUnits: [QJP], groups: [CITY] });
const supervisor = () => app.as(`zhao-${sfx}`, { roles: ['supervisor'], orgUnits: [QJP] });

interface BoardRow {
  id: string;
  overdue: boolean;
  bucket: string;
  nextStep: { at: string; actions: { do: string }[] } | null;
}

/** The task's row on the supervisor's deadline board. */
async function onBoard(taskId: string): Promise<BoardRow | undefined> {
  const res = await supervisor().api('GET', `/api/deadlines?processKey=${P}`);
  expect(res.status).toBe(200);
  return (res.body.units as { tasks: BoardRow[] }[]).flatMap((u) => u.tasks).find((t) => t.id === taskId);
}

async function start(timeScale = HOUR_SCALE): Promise<{ caseId: string; taskId: string }> {
  const res = await app.api('POST', '/api/cases', { processKey: P, input: { timeScale }, orgUnit: QJP });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const task = await eventually(async () => (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body[0] as { id: string } | undefined, 30_000, 'the task');
  return { caseId, taskId: task.id };
}

const taskRow = (id: string) => app.platform.services.db.getRepository(TaskEntity).findOneByOrFail({ id });
const stepsAudited = (taskId: string) => app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'task', key: taskId, action: 'ladder_step' }, order: { id: 'ASC' } });
const caseLog = (caseId: string) => app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId }, order: { id: 'ASC' } });
const ladderNotices = async (caseId: string): Promise<{ recipient: { id: string }; params: { step: number; text: string } }[]> =>
  app.platform.services.db.query(`SELECT recipient, params FROM notices WHERE case_id = $1 AND template = 'ladder-step' ORDER BY created_at, recipient->>'id'`, [caseId]);

beforeAll(async () => {
  // The accounts exist before the cases start: group members hear of steps that notify their group.
  for (const caller of [streetWorker(), cityOfficer(), supervisor()]) await caller.headers();
  // Emma of the city group reads her notices in English.
  const emma = { username: `emma-${sfx}`, password: 'a long enough password 42', roles: ['operator'], orgUnits: [QJP], groups: [CITY], locale: 'en' };
  expect((await app.api('POST', '/api/users', emma)).status).toBe(201);
  await publish(app, ladderProcess());
  await publish(app, eventLadderProcess());
});

test('an open task climbs its ladder in order: notice, group and priority, overdue; each step in the case log and the audit trail', async () => {
  const { caseId, taskId } = await start();
  const opened = await taskRow(taskId);
  // The ladder is stored resolved; the task is due when the ladder marks it overdue.
  expect(opened.ladder?.map((s) => s.actions.map((a) => a.do))).toEqual([['notify'], ['reassign', 'raisePriority'], ['reassign', 'markOverdue', 'notify']]);
  expect(opened.dueAt?.toISOString()).toBe(opened.ladder?.[2].at);
  expect([opened.groupName, opened.priority, opened.overdue, opened.ladderStepsTaken]).toEqual([STREET, 0, false, 0]);

  const audited = await eventually(async () => {
    const rows = await stepsAudited(taskId);
    return rows.length === 3 ? rows : undefined;
  }, 60_000, 'three ladder steps');
  expect(audited.map((r) => [r.actor, (r.detail as { step: number }).step, (r.detail as { actions: { do: string }[] }).actions.map((a) => a.do)])).toEqual([
    ['engine', 1, ['notify']],
    ['engine', 2, ['reassign', 'raisePriority']],
    ['engine', 3, ['reassign', 'markOverdue', 'notify']],
  ]);
  // Steps fire at their times, in order: each audited time is its step's planned time.
  expect(audited.map((r) => (r.detail as { at: string }).at)).toEqual(opened.ladder!.map((s) => s.at));

  const climbed = await taskRow(taskId);
  expect([climbed.status, climbed.groupName, climbed.assignee, climbed.priority, climbed.overdue, climbed.ladderStepsTaken]).toEqual(['open', CITY, null, 5, true, 3]);
  // Two reassignments: a form opened before either is stale.
  expect(climbed.revision).toBe(2);
  // The board shows it overdue, with no step left.
  expect(await onBoard(taskId)).toMatchObject({ overdue: true, bucket: 'overdue', nextStep: null });

  expect((await caseLog(caseId)).map((l) => l.message.replace(/ \(due [^)]+\)/, ''))).toEqual([
    'deadline ladder step 1: notify',
    `deadline ladder step 2: reassign to ${DISTRICT}, priority 5`,
    `deadline ladder step 3: reassign to ${CITY}, mark overdue, notify group ${CITY}`,
  ]);
  // Notices per step: step 1 tells the task's group (Wang), step 3 the city group (Emma, Li), each in their language.
  const notices = await ladderNotices(caseId);
  expect(notices.map((n) => [n.params.step, n.recipient.id])).toEqual([
    [1, `wang-${sfx}`],
    [3, `emma-${sfx}`],
    [3, `li-${sfx}`],
  ]);
  expect(notices.map((n) => n.params.text)).toEqual(['任务「上门核查」已到时限第1级', 'Task "Home visit" reached deadline step 3 and is overdue', '任务「上门核查」已到时限第3级，已超时']);

  // The city's officer finishes the task; the case moves on.
  const done = await cityOfficer().api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: { note: 'visited' } });
  expect(done.status).toBe(200);
  expect((await waitFor(app, caseId, 'completed')).outcome).toBe('visited');
});

test('a task completed after the first step takes no further step, though the case runs past their times', async () => {
  // Hours of five seconds: the board's look and the completion have ten seconds between the first step and the second.
  const { caseId, taskId } = await start(5 * HOUR_SCALE);
  await eventually(async () => ((await taskRow(taskId)).ladderStepsTaken === 1 ? true : undefined), 30_000, 'the first step');
  // The board shows the ladder's next step: the district's group and a higher priority, at its time.
  const row = await onBoard(taskId);
  expect(row).toMatchObject({ overdue: false, nextStep: { at: (await taskRow(taskId)).ladder![1].at } });
  expect(row!.nextStep!.actions.map((a) => a.do)).toEqual(['reassign', 'raisePriority']);
  const done = await streetWorker().api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: { note: 'in time' } });
  expect(done.status).toBe(200);
  // The cooldown lasts past the third step's time: the case completes only after both steps would have fired.
  const state = await waitFor(app, caseId, 'completed', undefined, 90_000);
  const left = state.history.find((v: { nodeId: string }) => v.nodeId === 'cooldown');
  expect(Date.parse(left.leftAt)).toBeGreaterThan(Date.parse((await taskRow(taskId)).ladder![2].at));

  const closed = await taskRow(taskId);
  expect([closed.status, closed.groupName, closed.priority, closed.overdue, closed.ladderStepsTaken]).toEqual(['completed', STREET, 0, false, 1]);
  expect((await stepsAudited(taskId)).map((r) => (r.detail as { step: number }).step)).toEqual([1]);
  expect((await caseLog(caseId)).map((l) => l.message.split(' (')[0])).toEqual(['deadline ladder step 1']);
  expect((await ladderNotices(caseId)).map((n) => n.params.step)).toEqual([1]);
});

test('an event wait climbs its ladder too (notices only) and stops when the event arrives', async () => {
  // Hours of two seconds: the event is sent between the first step (2 s) and the second (10 s).
  const res = await app.api('POST', '/api/cases', { processKey: E, input: { timeScale: 2 * HOUR_SCALE }, orgUnit: QJP });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  await eventually(async () => ((await ladderNotices(caseId)).length === 2 ? true : undefined), 30_000, 'the first step');
  expect((await app.api('POST', `/api/cases/${caseId}/events/result`, { payload: {} })).status).toBe(202);
  // The cooldown outlasts the second step's time: had the ladder gone on, it would have told Li again.
  await waitFor(app, caseId, 'completed', undefined, 60_000);
  const notices = await ladderNotices(caseId);
  expect(notices.map((n) => [n.params.step, n.recipient.id, n.params.text])).toEqual([
    [1, `emma-${sfx}`, 'Step "wait" reached deadline step 1'],
    [1, `li-${sfx}`, '步骤「wait」已到时限第1级'],
  ]);
  const audited = await app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'case', key: caseId, action: 'ladder_step' } });
  expect(audited.map((r) => (r.detail as { nodeId: string; step: number })).map((d) => [d.nodeId, d.step])).toEqual([['wait', 1]]);
  expect((await caseLog(caseId)).map((l) => l.message.split(' (')[0])).toEqual(['deadline ladder step 1']);
});

test('offsets read from a rule set: a changed rule set applies to tasks opened afterwards; open ones keep theirs', async () => {
  const rules = `ladder-hours-${sfx}`;
  const key = `ladder-rules-${sfx}`;
  await publishRuleSet(app, adultRules(rules, 7, { rules: [{ name: 'adult', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 18 }] }, event: { type: 'adult', params: { visitDeadline: 'PT3H' } } }] }));
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      {
        id: 'visit',
        type: 'task',
        title: { zh: '上门核查', en: 'Home visit' },
        // Counted from a time the case carries, so the step's time is exact.
        ladder: { from: 'flaggedAt', rules: { ruleset: rules, facts: { age: 'age' } }, steps: [{ after: { param: 'visitDeadline' }, actions: [{ do: 'markOverdue' }] }] },
      },
      { id: 'done', type: 'end' },
    ]),
  );
  const flaggedAt = Date.parse('2030-01-01T00:00:00Z');
  const ladderOf = async (taskId: string) => (await app.platform.services.db.getRepository(TaskEntity).findOneBy({ id: taskId }))?.ladder ?? undefined;
  const opened = async () => {
    const taskId = `${await startCase(app, key, { age: 30, flaggedAt }, { orgUnit: QJP })}:visit:1`;
    await eventually(() => ladderOf(taskId), 30_000, 'the task');
    return taskId;
  };
  const first = await opened();
  expect((await ladderOf(first))![0].at).toBe('2030-01-01T03:00:00.000Z');
  // The administrator changes the hours in the rule set, and only there.
  await publishRuleSet(app, adultRules(rules, 7, { rules: [{ name: 'adult', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 18 }] }, event: { type: 'adult', params: { visitDeadline: 'PT5H' } } }] }));
  expect((await ladderOf(await opened()))![0].at).toBe('2030-01-01T05:00:00.000Z');
  expect((await ladderOf(first))![0].at).toBe('2030-01-01T03:00:00.000Z');
});
