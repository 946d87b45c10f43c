/**
 * The task inbox on the real platform: tabs (mine, my groups', unassigned in my org units) with
 * their counts, filters, sort by due time and keyset paging; claim races, release, assignment
 * with its notices in each person's language, stale completion, comments and history; bad input
 * answered 4xx naming the field.
 */
import { eventually, uniqueKey, useTestApp } from '../support/app';
import type { ApiAnswer } from '../support/callers';
import { chain, publish } from '../support/processes';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const sfx = uniqueKey('ib').slice(3);
const P = `inbox-visit-${sfx}`;
const Q = `inbox-other-${sfx}`;
const GROUP = `visitors-${sfx}`;
const QJP = 'qingjiangpu';
const HY = 'huaiyin';

const operator = (name: string, units = [QJP], groups = [GROUP]) => app.as(`${name}-${sfx}`, { roles: ['operator'], orgUnits: units, groups });
const alice = () => operator('alice');
const bob = () => operator('bob');
const carol = () => operator('carol', [HY]);
const sup = () => app.as(`sup-${sfx}`, { roles: ['supervisor'], orgUnits: [QJP] });
const path = (id: string, tail = '') => `/api/tasks/${encodeURIComponent(id)}${tail}`;

interface Task {
  id: string;
  caseId: string;
  dueAt: string | null;
  assignee: string | null;
  revision: number;
  priority: number;
  groupName: string | null;
}

/** visit (a task for the group, due in 2 hours, escalating on time-out) → end. */
function visitProcess(): ReturnType<typeof chain> {
  return chain(
    P,
    [
      { id: 'start', type: 'start' },
      {
        id: 'visit',
        type: 'task',
        title: { zh: '上门核查', en: 'Home visit' },
        group: GROUP,
        deadline: 'PT2H',
        form: { type: 'object', required: ['visited'], properties: { visited: { type: 'boolean' }, note: { type: 'string', maxLength: 50 } } },
        output: 'visit',
      },
      { id: 'done', type: 'end', outcome: 'visited' },
      { id: 'late', type: 'end', outcome: 'late' },
    ],
    [{ from: 'visit', to: 'late', on: 'timeout' }],
  );
}

async function startIn(key: string, unit: string): Promise<string> {
  const res = await app.api('POST', '/api/cases', { processKey: key, input: {}, orgUnit: unit });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function taskOf(caseId: string): Promise<Task> {
  return eventually(async () => (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body[0] as Task | undefined, 30_000, `the task of ${caseId}`);
}

const ids = (tasks: Task[]) => tasks.map((t) => t.id);

let qjp: Task[];
let other: Task;
let far: Task;

beforeAll(async () => {
  // Alice reads notices in Chinese (the default), Eve in English.
  expect((await app.api('POST', '/api/users', { username: `eve-${sfx}`, password: 'a long enough password 42', roles: ['operator'], orgUnits: [QJP], groups: [], locale: 'en' })).status).toBe(201);
  // The accounts exist before the tasks open: the group's members hear of them then.
  for (const caller of [alice(), bob(), carol(), sup()]) await caller.headers();
  await publish(app, visitProcess());
  await publish(app, chain(Q, [{ id: 'start', type: 'start' }, { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' } }, { id: 'end', type: 'end' }]));
  const cases = [];
  for (let i = 0; i < 3; i++) cases.push(await startIn(P, QJP));
  qjp = [];
  for (const c of cases) qjp.push(await taskOf(c));
  other = await taskOf(await startIn(Q, QJP));
  far = await taskOf(await startIn(P, HY));
});

test("tabs: my groups' and unassigned tasks in my units; a claimed one moves to mine; counts follow", async () => {
  const list = async (caller: ReturnType<typeof alice>, query: string) => {
    const res = await caller.api('GET', `/api/tasks?${query}`);
    expect(res.status).toBe(200);
    return res.body as Task[];
  };
  // Due in two hours, soonest first; the other district's task is not Alice's to see.
  const groups = await list(alice(), `tab=groups&processKey=${P}&sort=due`);
  expect(new Set(ids(groups))).toEqual(new Set(ids(qjp)));
  const dues = groups.map((t) => Date.parse(t.dueAt!));
  expect(dues).toEqual([...dues].sort((a, b) => a - b));
  expect(dues[0] - Date.now()).toBeGreaterThan(90 * 60_000);
  expect(ids(await list(carol(), `tab=unassigned&processKey=${P}`))).toEqual([far.id]);
  // The process without a group is in the unassigned pool, not in the group tab.
  expect(ids(await list(alice(), `tab=unassigned&processKey=${Q}`))).toEqual([other.id]);
  expect(await list(alice(), `tab=groups&processKey=${Q}`)).toEqual([]);

  expect((await alice().api('POST', path(qjp[0].id, '/claim'))).body).toMatchObject({ assignee: `alice-${sfx}`, revision: 1 });
  expect(ids(await list(alice(), `tab=mine&processKey=${P}`))).toEqual([qjp[0].id]);
  expect(ids(await list(alice(), `tab=groups&processKey=${P}`))).not.toContain(qjp[0].id);
  expect(await list(bob(), `tab=mine&processKey=${P}`)).toEqual([]);
  expect((await alice().api('GET', `/api/tasks/counts?processKey=${P}`)).body).toEqual({ mine: 1, groups: 2, unassigned: 2 });
  expect((await bob().api('GET', `/api/tasks/counts?processKey=${P}`)).body).toEqual({ mine: 0, groups: 2, unassigned: 2 });
  expect((await carol().api('GET', `/api/tasks/counts?processKey=${P}`)).body).toEqual({ mine: 0, groups: 1, unassigned: 1 });
  expect((await alice().api('POST', path(qjp[0].id, '/unclaim'))).status).toBe(200);
  expect((await alice().api('GET', `/api/tasks/counts?processKey=${P}`)).body).toEqual({ mine: 0, groups: 3, unassigned: 3 });
});

test('filters: task node, org unit, due before, overdue, priority; pages follow the cursor', async () => {
  const count = async (query: string) => (await sup().api('GET', `/api/tasks/counts?processKey=${P}&${query}`)).body.unassigned;
  const soon = new Date(Date.now() + 60 * 60_000).toISOString();
  const later = new Date(Date.now() + 3 * 60 * 60_000).toISOString();
  expect([await count('node=visit'), await count('node=other'), await count(`orgUnit=${QJP}`), await count(`orgUnit=${HY}`)]).toEqual([3, 0, 3, 0]);
  expect([await count(`dueBefore=${encodeURIComponent(soon)}`), await count(`dueBefore=${encodeURIComponent(later)}`)]).toEqual([0, 3]);
  expect([await count('overdue=true'), await count('overdue=false')]).toEqual([0, 3]);
  expect(await count('minPriority=5')).toBe(0);
  expect((await sup().api('POST', path(qjp[1].id, '/assign'), { group: GROUP, priority: 7 })).body).toMatchObject({ priority: 7, assignee: null });
  expect((await sup().api('GET', `/api/tasks?tab=unassigned&processKey=${P}&minPriority=5`)).body.map((t: Task) => t.id)).toEqual([qjp[1].id]);

  // One task a page, soonest due first: three pages, then no cursor.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiAnswer = await sup().api('GET', `/api/tasks?tab=unassigned&processKey=${P}&sort=due&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seen.push(...ids(res.body));
    cursor = res.headers.get('x-next-cursor');
  } while (cursor);
  expect(seen).toEqual(ids((await sup().api('GET', `/api/tasks?tab=unassigned&processKey=${P}&sort=due`)).body));
  expect(seen).toHaveLength(3);
  // A cursor pages only its own listing.
  const first = (await sup().api('GET', `/api/tasks?tab=unassigned&processKey=${P}&sort=due&limit=1`)).headers.get('x-next-cursor')!;
  const wrong = await sup().api('GET', `/api/tasks?tab=mine&processKey=${P}&sort=due&limit=1&cursor=${first}`);
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.problems[0].path).toBe('query/cursor');
});

test('two concurrent claims: one winner, the other told who holds it; only the holder completes or releases', async () => {
  const task = qjp[2];
  const [a, b] = await Promise.all([alice().api('POST', path(task.id, '/claim')), bob().api('POST', path(task.id, '/claim'))]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const [winner, loser] = a.status === 200 ? [alice(), bob()] : [bob(), alice()];
  const refused = a.status === 200 ? b : a;
  expect(refused.body.error).toMatchObject({ code: 'task_claimed', message: expect.stringContaining(`claimed by ${winner.username} first`) });
  expect((await loser.api('POST', path(task.id, '/unclaim'))).body.error.code).toBe('task_held_by_other');
  const late = await loser.api('POST', path(task.id, '/complete'), { data: { visited: true } });
  expect(late.status).toBe(409);
  expect(late.body.error).toMatchObject({ code: 'task_reassigned', message: expect.stringContaining(`now held by ${winner.username}`) });
  // Claiming again what one holds changes nothing.
  expect((await winner.api('POST', path(task.id, '/claim'))).body).toMatchObject({ assignee: winner.username, revision: 1 });
  expect((await winner.api('POST', path(task.id, '/unclaim'))).body).toMatchObject({ assignee: null, revision: 2 });
  expect((await winner.api('POST', path(task.id, '/unclaim'))).body.error.code).toBe('task_not_claimed');
});

test('assignment notifies in the person\'s language; the group heard of its tasks when they opened', async () => {
  const db = app.platform.services.db;
  const noticesTo = async (user: string): Promise<{ template: string; params: { taskId: string; text: string; locale: string } }[]> =>
    db.query(`SELECT template, params FROM notices WHERE recipient = $1::jsonb ORDER BY created_at`, [JSON.stringify({ type: 'user', id: user })]);
  // Alice and Bob are in the group: each heard of the three Qingjiangpu tasks, in Chinese; Carol of the Huaiyin one only.
  const toAlice = await noticesTo(`alice-${sfx}`);
  expect(new Set(toAlice.map((n) => n.params.taskId))).toEqual(new Set(ids(qjp)));
  expect(toAlice[0]).toMatchObject({ template: 'task-assigned', params: { locale: 'zh-CN', text: `任务「上门核查」已分派给您所在的工作组（${GROUP}）` } });
  expect((await noticesTo(`carol-${sfx}`)).map((n) => n.params.taskId)).toEqual([far.id]);

  const eve = `eve-${sfx}`;
  const res = await sup().api('POST', path(other.id, '/assign'), { user: eve.toUpperCase() });
  expect(res.body).toMatchObject({ assignee: eve, revision: 1 });
  expect((await noticesTo(eve)).map((n) => n.params)).toEqual([expect.objectContaining({ taskId: other.id, locale: 'en', text: 'Task "Check" was assigned to you' })]);
  // The local notifier delivers it through the outbox.
  await eventually(async () => ((await db.query(`SELECT 1 FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE n.recipient = $1::jsonb`, [JSON.stringify({ type: 'user', id: eve })])).length ? true : undefined), 15_000, 'the delivery');
  expect(ids((await app.as(eve).api('GET', `/api/tasks?tab=mine&processKey=${Q}`)).body)).toEqual([other.id]);

  // Someone who does not work in the task's unit, or a made-up name, cannot be given it; an operator may not assign.
  const outside = await sup().api('POST', path(other.id, '/assign'), { user: `carol-${sfx}` });
  expect(outside.status).toBe(422);
  expect(outside.body.error.problems).toEqual([expect.objectContaining({ path: 'body/user', message: expect.stringContaining(QJP) })]);
  expect((await sup().api('POST', path(other.id, '/assign'), { user: 'nobody-here' })).body.error.problems[0].path).toBe('body/user');
  expect((await alice().api('POST', path(other.id, '/assign'), { user: `alice-${sfx}` })).status).toBe(403);
  const history = (await sup().api('GET', path(other.id, '/history'))).body;
  expect(history).toEqual([expect.objectContaining({ action: 'assign', actor: `sup-${sfx}`, detail: expect.objectContaining({ to: { user: eve }, notified: [eve] }) })]);
});

test('completion: a stale form is refused with a clear message; a current one moves the case on; comments and history', async () => {
  const task = qjp[0];
  const opened = (await alice().api('GET', path(task.id))).body as Task;
  // Meanwhile a supervisor gives it to Bob: Alice's form is stale.
  expect((await sup().api('POST', path(task.id, '/assign'), { user: `bob-${sfx}` })).status).toBe(200);
  const refused = await alice().api('POST', path(task.id, '/complete'), { data: { visited: true }, expectedRevision: opened.revision });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toContain('your form was not sent');
  // Bob had it opened before it moved back to the pool and to him again: stale by revision.
  const bobs = (await bob().api('GET', path(task.id))).body as Task;
  expect((await sup().api('POST', path(task.id, '/unclaim'))).status).toBe(200);
  expect((await bob().api('POST', path(task.id, '/claim'))).status).toBe(200);
  const stale = await bob().api('POST', path(task.id, '/complete'), { data: { visited: true }, expectedRevision: bobs.revision });
  expect(stale.body.error).toMatchObject({ code: 'task_stale', message: expect.stringContaining('changed since you opened it') });

  // The form is checked on the server, naming the field.
  const current = (await bob().api('GET', path(task.id))).body as Task;
  const bad = await bob().api('POST', path(task.id, '/complete'), { data: { visited: 'yes' }, expectedRevision: current.revision });
  expect(bad.status).toBe(422);
  expect(bad.body.error.problems[0].path).toBe('data/visited');

  expect((await bob().api('POST', path(task.id, '/comments'), { text: '  Nobody home at 10:00; back at 15:00  ' })).status).toBe(201);
  expect((await alice().api('POST', path(task.id, '/comments'), { text: '' })).body.error.problems[0].path).toBe('body/text');
  expect((await alice().api('POST', path(task.id, '/comments'), { text: 'x'.repeat(2001) })).status).toBe(422);
  expect((await alice().api('GET', path(task.id, '/comments'))).body).toEqual([expect.objectContaining({ author: `bob-${sfx}`, body: 'Nobody home at 10:00; back at 15:00' })]);

  const done = await bob().api('POST', path(task.id, '/complete'), { data: { visited: true, note: 'seen' }, expectedRevision: current.revision });
  expect(done.body).toMatchObject({ status: 'completed', completedBy: `bob-${sfx}` });
  await eventually(async () => ((await app.api('GET', `/api/cases/${task.caseId}`)).body.status === 'completed' ? true : undefined), 20_000, 'the case to end');
  const again = await alice().api('POST', path(task.id, '/complete'), { data: { visited: true } });
  expect(again.body.error).toMatchObject({ code: 'task_not_open', message: expect.stringContaining(`was completed by bob-${sfx}`) });
  expect((await alice().api('POST', path(task.id, '/claim'))).body.error.code).toBe('task_not_open');

  const actions = ((await alice().api('GET', path(task.id, '/history'))).body as { action: string }[]).map((h) => h.action);
  expect(actions).toEqual(['claim', 'unclaim', 'assign', 'unclaim', 'claim', 'comment', 'complete']);
});

test('bad input is a 400 or 422 naming the field', async () => {
  const field = async (method: string, url: string, body?: unknown) => {
    const res = await alice().api(method, url, body);
    expect([400, 422]).toContain(res.status);
    return res.body.error.problems.map((p: { path: string }) => p.path);
  };
  expect(await field('GET', '/api/tasks?tab=everything')).toEqual(['query/tab']);
  expect(await field('GET', '/api/tasks?sort=name')).toEqual(['query/sort']);
  expect(await field('GET', '/api/tasks/counts?dueBefore=tomorrow')).toEqual(['query/dueBefore']);
  expect(await field('GET', '/api/tasks/counts?minPriority=10')).toEqual(['query/minPriority']);
  expect(await field('GET', '/api/tasks?overdue=yes')).toEqual(['query/overdue']);
  expect(await field('GET', '/api/tasks?cursor=made.up')).toEqual(['query/cursor']);
  expect(await field('POST', path(other.id, '/complete'), { data: {}, expectedRevision: -1 })).toEqual(['body/expectedRevision']);
  // Beyond the revision column's integer: the fuzz test's 500 (9007199254740991) before it was bounded.
  expect(await field('POST', path(other.id, '/complete'), { data: {}, expectedRevision: Number.MAX_SAFE_INTEGER })).toEqual(['body/expectedRevision']);
  const assign = async (body: unknown) => {
    const res = await sup().api('POST', path(other.id, '/assign'), body);
    expect(res.status).toBe(422);
    return res.body.error.problems.map((p: { path: string }) => p.path);
  };
  expect(await assign({})).toEqual(['body/user']);
  expect(await assign({ user: 'a', group: 'b-group' })).toEqual(['body/user']);
  expect(await assign({ group: 'Not A Group' })).toEqual(['body/group']);
});

test("the deadline board: a supervisor's subtree by org unit, overdue / next hour / later today, with counts", async () => {
  // Tasks due in a second: overdue at once (the deadline's path opens a chase task and the task stays open).
  const D = `inbox-board-${sfx}`;
  await publish(
    app,
    chain(
      D,
      [
        { id: 'start', type: 'start' },
        { id: 'respond', type: 'task', title: { zh: '响应', en: 'Respond' }, deadline: 'PT1S' },
        { id: 'end', type: 'end' },
        { id: 'chase', type: 'task', title: { zh: '催办', en: 'Chase' } },
        { id: 'chased', type: 'end' },
      ],
      [{ from: 'respond', to: 'chase', on: 'timeout' }],
    ),
  );
  const tasks: Task[] = [];
  for (const unit of [QJP, QJP, QJP, HY]) tasks.push(await taskOf(await startIn(D, unit)));
  const [overdue, soon, today, far] = tasks;
  const board = async (caller: ReturnType<typeof alice>) => (await caller.api('GET', `/api/deadlines?processKey=${D}`)).body;
  const { endOfDay } = await board(sup());
  // One due in half an hour, one a second before the office's day ends (within the hour, late in the evening).
  const db = app.platform.services.db;
  const lastSecond = Date.parse(endOfDay) - 1000;
  await db.query(`UPDATE tasks SET due_at = now() + interval '30 minutes' WHERE id = $1`, [soon.id]);
  await db.query(`UPDATE tasks SET due_at = $2 WHERE id = $1`, [today.id, new Date(lastSecond)]);
  const todayBucket = lastSecond - Date.now() < 3600_000 ? 'nextHour' : 'today';
  await eventually(async () => (Date.parse((await app.api('GET', path(overdue.id))).body.dueAt) < Date.now() ? true : undefined), 10_000, 'the first task overdue');

  const mine = await board(sup());
  expect(mine.units.map((u: { orgUnit: string }) => u.orgUnit)).toEqual([QJP]);
  const expected = { overdue: 1, nextHour: 1, today: 0 };
  expected[todayBucket] += 1;
  expect(mine.units[0].counts).toEqual(expected);
  expect(mine.totals).toEqual(expected);
  // Soonest first: near midnight the day's last second comes before the task due in half an hour.
  const listed: { id: string; bucket: string; dueAt: string }[] = mine.units[0].tasks;
  expect(listed.map((t) => [t.id, t.bucket]).sort()).toEqual(
    [
      [overdue.id, 'overdue'],
      [soon.id, 'nextHour'],
      [today.id, todayBucket],
    ].sort(),
  );
  expect(listed.map((t) => Date.parse(t.dueAt))).toEqual(listed.map((t) => Date.parse(t.dueAt)).sort((a, b) => a - b));
  // City-wide, the administrator sees Huaiyin's too; an operator has no board.
  expect((await app.api('GET', `/api/deadlines?processKey=${D}`)).body.units.map((u: { orgUnit: string }) => u.orgUnit).sort()).toEqual([HY, QJP].sort());
  expect((await app.api('GET', `/api/deadlines?processKey=${D}&orgUnit=${HY}`)).body.units[0].tasks.map((t: { id: string }) => t.id)).toEqual([far.id]);
  expect((await alice().api('GET', '/api/deadlines')).status).toBe(403);
  expect((await sup().api('GET', '/api/deadlines?processKey=Bad Key')).body.error.problems[0].path).toBe('query/processKey');
});
