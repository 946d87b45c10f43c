/**
 * A case's page beyond its nodes, on the real server: the timers it waits on with their due
 * times (an event's timeout, a task's deadline, a timer node), the notices it sent, the events it
 * received with payloads masked as its variables are, and its audit trail including its tasks;
 * each scoped by org unit like the case, the trail for audit.read only, bad ids answered 4xx.
 */
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { notifyNode } from '../support/app-processes';
import { chain, publish, waitFor } from '../support/processes';

const app = useTestApp({ seed: false });
const suffix = uniqueKey('act').slice(-6);
const alice = () => app.as(`alice-${suffix}`, { roles: ['operator'], orgUnits: ['qingjiangpu'] });
const bob = () => app.as(`bob-${suffix}`, { roles: ['operator'], orgUnits: ['huaiyin'] });
const audrey = () => app.as(`audrey-${suffix}`, { roles: ['auditor'], orgUnits: ['qingjiangpu'] });

const ID_NUMBER = '320803199001011234';
const DAY = 86_400_000;

/** lab (an event with a classified payload, 1 day to arrive) → tell (a notice) → review (a task due in 2 hours) → quarantine (14 days) → end. */
function labProcess(key: string) {
  return chain(
    key,
    [
      { id: 'start', type: 'start' },
      {
        id: 'lab', type: 'event', event: 'labResult', timeout: 'P1D', output: 'lab',
        payload: { type: 'object', required: ['result'], properties: { idNumber: { type: 'string', 'x-pii': 'id-number' }, result: { type: 'string', enum: ['positive', 'negative'] } } },
      },
      notifyNode('tell'),
      { id: 'review', type: 'task', title: { zh: '复核', en: 'Review' }, deadline: 'PT2H', form: { type: 'object', properties: { note: { type: 'string' } } } },
      { id: 'quarantine', type: 'timer', duration: 'P14D' },
      { id: 'end', type: 'end', outcome: 'released' },
      { id: 'late', type: 'end', outcome: 'late' },
    ],
    [
      { from: 'lab', to: 'late', on: 'timeout' },
      { from: 'review', to: 'late', on: 'timeout' },
    ],
  );
}

type Timer = { nodeId: string; visit: number; kind: string; dueAt: string };
type Visit = { nodeId: string; enteredAt: string };

/** The case's timers, each with how long after its node was entered it is due. */
async function timersOf(caseId: string, node: string) {
  const state = await waitFor(app, caseId, 'running', node);
  const entered = (id: string) => Date.parse((state.history as Visit[]).filter((v) => v.nodeId === id).at(-1)!.enteredAt);
  return (state.timers as Timer[]).map((t) => ({ nodeId: t.nodeId, kind: t.kind, afterEntry: Date.parse(t.dueAt) - entered(t.nodeId) }));
}

test('timers, notices, events and the audit trail of a case, scoped, masked and permission-checked', async () => {
  const key = uniqueKey('case-activity');
  await publish(app, labProcess(key));
  const started = await alice().api('POST', '/api/cases', { processKey: key, input: {} });
  expect(started.status).toBe(201);
  const caseId: string = started.body.caseId;

  // Waiting for the lab result: the event's timeout, due a day after the node was entered.
  expect(await timersOf(caseId, 'lab')).toEqual([{ nodeId: 'lab', kind: 'event_timeout', afterEntry: DAY }]);

  expect((await alice().api('POST', `/api/cases/${caseId}/events/labResult`, { payload: { idNumber: ID_NUMBER, result: 'positive' } })).status).toBe(202);
  expect(await timersOf(caseId, 'review')).toEqual([{ nodeId: 'review', kind: 'task_deadline', afterEntry: 2 * 3_600_000 }]);

  // The event, masked for an operator, in clear (and the read audited) for an administrator.
  const seen = await alice().api('GET', `/api/cases/${caseId}/events`);
  expect(seen.status).toBe(200);
  expect(seen.body).toEqual([{ name: 'labResult', receivedAt: expect.any(String), payload: { idNumber: '320803********1234', result: 'positive' } }]);
  const received = Date.parse(seen.body[0].receivedAt);
  const lab = (await app.api('GET', `/api/cases/${caseId}`)).body.history.find((v: { nodeId: string }) => v.nodeId === 'lab');
  expect(received).toBeGreaterThanOrEqual(Date.parse(lab.enteredAt));
  expect(received).toBeLessThanOrEqual(Date.parse(lab.leftAt));
  expect((await app.api('GET', `/api/cases/${caseId}/events`)).body[0].payload).toEqual({ idNumber: ID_NUMBER, result: 'positive' });

  // The notice the case sent, delivered by the dispatcher; its parameters stay in the outbox.
  const notices = await eventually(async () => {
    const res = await alice().api('GET', `/api/cases/${caseId}/notices`);
    expect(res.status).toBe(200);
    return res.body[0]?.deliveries.length ? res.body : undefined;
  }, 30_000, 'the notice to be delivered');
  expect(notices).toMatchObject([{ template: 'case-opened', recipient: { type: 'group', id: 'district-office' }, status: 'delivered' }]);
  expect(notices[0]).not.toHaveProperty('params');

  // The task done, the case waits 14 days in quarantine.
  const task = await eventually(async () => (await alice().api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body[0], 30_000, 'the review task');
  expect((await alice().api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { note: 'ok' } })).status).toBe(200);
  expect(await timersOf(caseId, 'quarantine')).toEqual([{ nodeId: 'quarantine', kind: 'timer', afterEntry: 14 * DAY }]);
  expect((await alice().api('POST', `/api/cases/${caseId}/cancel`, { reason: 'moved out of the city' })).status).toBe(202);
  await waitFor(app, caseId, 'cancelled');
  expect((await app.api('GET', `/api/cases/${caseId}`)).body.timers).toEqual([]);

  // The trail: the case's rows and its task's, in order, for an auditor of its unit only.
  expect((await alice().api('GET', `/api/cases/${caseId}/audit`)).status).toBe(403);
  const trail = await audrey().api('GET', `/api/cases/${caseId}/audit`);
  expect(trail.status).toBe(200);
  type Row = { kind: string; action: string; actor: string };
  // The administrator's clear reads (this test's polling, the events above) are each in the trail too.
  expect(trail.body.filter((r: Row) => r.action === 'pii_read').map((r: Row) => r.actor)).toContain('admin');
  expect(trail.body.filter((r: Row) => r.action !== 'pii_read').map((r: Row) => [r.kind, r.action, r.actor])).toEqual([
    ['case', 'start', `alice-${suffix}`],
    ['case', 'event', `alice-${suffix}`],
    ['task', 'complete', `alice-${suffix}`],
    ['case', 'cancel', `alice-${suffix}`],
  ]);
  expect(trail.body.find((r: Row) => r.action === 'cancel').detail).toEqual({ reason: 'moved out of the city' });
  expect(JSON.stringify(trail.body)).not.toContain(ID_NUMBER);

  // Outside the case's org unit it does not exist (auditors, the only other readers of the trail, see every unit).
  for (const what of ['notices', 'events']) expect((await bob().api('GET', `/api/cases/${caseId}/${what}`)).status).toBe(404);
});

test("events received before a migration (the case's earlier run) are still listed, with those after it", async () => {
  const key = uniqueKey('case-activity-runs');
  const twoWaits = () => chain(key, [{ id: 'start', type: 'start' }, { id: 'first', type: 'event', event: 'one' }, { id: 'second', type: 'event', event: 'two' }, { id: 'end', type: 'end' }]);
  await publish(app, twoWaits());
  await publish(app, twoWaits(), 'v2');
  const caseId = (await alice().api('POST', '/api/cases', { processKey: key, version: 1, input: {} })).body.caseId as string;
  await waitFor(app, caseId, 'running', 'first');
  expect((await alice().api('POST', `/api/cases/${caseId}/events/one`, { payload: { n: 1 } })).status).toBe(202);
  await waitFor(app, caseId, 'running', 'second');
  expect((await app.api('POST', `/api/cases/${caseId}/migrate`, { toVersion: 2 })).status).toBe(200);
  await eventually(async () => ((await app.api('GET', `/api/cases/${caseId}`)).body.version === 2 ? true : undefined), 30_000, 'the case on version 2');
  expect((await alice().api('POST', `/api/cases/${caseId}/events/two`, { payload: { n: 2 } })).status).toBe(202);
  await waitFor(app, caseId, 'completed');
  const events = (await alice().api('GET', `/api/cases/${caseId}/events`)).body as { name: string; payload: unknown }[];
  expect(events.map((e) => [e.name, e.payload])).toEqual([
    ['one', { n: 1 }],
    ['two', { n: 2 }],
  ]);
});

test('a malformed case id is refused naming the field, an unknown one is 404, never a 500', async () => {
  for (const what of ['notices', 'events', 'audit']) {
    const bad = await app.api('GET', `/api/cases/${encodeURIComponent('no such/case')}/${what}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('id');
    expect((await app.api('GET', `/api/cases/${uniqueKey('nope')}.${'0'.repeat(32)}/${what}`)).status).toBe(404);
  }
});

test("a case whose workflow the service no longer holds answers its events 410, not a 500", async () => {
  const id = `${uniqueKey('gone')}.${'0'.repeat(32)}`;
  await app.platform.services.db.query(`INSERT INTO cases (id, process_key, version, started_by, org_unit) VALUES ($1, 'gone', 1, 'test', 'huaian')`, [id]);
  const res = await app.api('GET', `/api/cases/${id}/events`);
  expect([res.status, res.body.error.code]).toEqual([410, 'case_expired']);
  // What the database holds is still answered.
  expect((await app.api('GET', `/api/cases/${id}/notices`)).body).toEqual([]);
});
