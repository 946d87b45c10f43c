/**
 * Message correlation by business key, on the real server: the lab reports a nucleic-acid result
 * for a person (POST /api/events) without knowing case ids, and the case waiting for it moves on;
 * an unknown person is 404, a case not waiting is 409 naming where it is, a payload that breaks
 * the event's declared schema is 422 naming the field, and a process and filter reach many cases.
 */
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';

const app = useTestApp();

const labResult = { type: 'object', required: ['result'], properties: { result: { enum: ['positive', 'negative'] } } };

/** start → [a task first] → wait for labResult (its payload declared) → end. */
function labProcess(key: string, taskFirst = false): ProcessDefinition {
  return chain(key, [
    { id: 'start', type: 'start' },
    ...(taskFirst ? [{ id: 'interview', type: 'task' as const, title: { zh: '流调', en: 'Interview' } }] : []),
    { id: 'awaitResult', type: 'event', event: 'labResult', payload: labResult, output: 'lab' },
    { id: 'end', type: 'end', outcome: 'done' },
  ]);
}

const send = (body: unknown) => app.api('POST', '/api/events', body);

async function waitingAt(caseId: string, node: string) {
  return waitFor(app, caseId, 'running', node);
}

test('a lab result by business key reaches the waiting case, which moves on with the payload', async () => {
  const key = uniqueKey('ev-bk');
  await publish(app, labProcess(key));
  const person = `3201${Date.now()}`;
  const caseId = await startCase(app, key, {}, { businessKey: person });
  await waitingAt(caseId, 'awaitResult');

  const res = await send({ name: 'labResult', businessKey: person, payload: { result: 'negative' } });
  expect(res.status).toBe(202);
  expect(res.body).toEqual({ delivered: [{ caseId, nodeId: 'awaitResult' }], notWaiting: [], more: false });
  const done = await waitFor(app, caseId, 'completed');
  expect(done.variables.lab).toEqual({ result: 'negative' });

  // Once the case has ended nobody waits: 409 saying so.
  const late = await send({ name: 'labResult', businessKey: person, payload: { result: 'negative' } });
  expect(late.status).toBe(409);
  expect(late.body.error.message).toContain(`case '${caseId}' is completed`);
  const audit = await app.platform.services.db.query(`SELECT action, detail FROM audit_log WHERE kind = 'case' AND key = $1 AND action = 'event'`, [caseId]);
  expect(audit).toEqual([{ action: 'event', detail: { name: 'labResult', correlated: true } }]);
});

test('an unknown business key is 404; a case not waiting for the event is 409 naming its current node', async () => {
  const key = uniqueKey('ev-busy');
  await publish(app, labProcess(key, true));
  const unknown = await send({ name: 'labResult', businessKey: `nobody-${key}`, payload: { result: 'negative' } });
  expect(unknown.status).toBe(404);

  const person = `3202${Date.now()}`;
  const caseId = await startCase(app, key, {}, { businessKey: person });
  await waitingAt(caseId, 'interview');
  const busy = await send({ name: 'labResult', businessKey: person, processKey: key, payload: { result: 'negative' } });
  expect(busy.status).toBe(409);
  expect(busy.body.error.code).toBe('event_not_awaited');
  expect(busy.body.error.message).toBe(`no case waits for event 'labResult': case '${caseId}' is at 'interview'`);
  // Nothing was delivered: the case still waits in its task, with no event pending for later.
  expect((await waitFor(app, caseId, 'running', 'interview')).variables.lab).toBeUndefined();
});

test('a payload that breaks the declared schema is refused naming the field, on correlation and on one case', async () => {
  const key = uniqueKey('ev-schema');
  await publish(app, labProcess(key));
  const person = `3203${Date.now()}`;
  const caseId = await startCase(app, key, {}, { businessKey: person });
  await waitingAt(caseId, 'awaitResult');

  const bad = await send({ name: 'labResult', businessKey: person, payload: { result: 'maybe' } });
  expect(bad.status).toBe(422);
  expect(bad.body.error.problems.map((p: { path: string }) => p.path)).toEqual(['body/payload/result']);
  const missing = await app.api('POST', `/api/cases/${caseId}/events/labResult`, { payload: {} });
  expect(missing.status).toBe(422);
  expect(missing.body.error.problems.map((p: { path: string }) => p.path)).toEqual(['body/payload/result']);
  // Still waiting, untouched.
  expect((await waitingAt(caseId, 'awaitResult')).variables.lab).toBeUndefined();
});

test('bodies that name no case are refused naming the field', async () => {
  const none = await send({ name: 'labResult', payload: {} });
  expect([none.status, none.body.error.problems.map((p: { path: string }) => p.path)]).toEqual([422, ['body/businessKey']]);
  const both = await send({ name: 'labResult', businessKey: 'x', filter: { node: 'a' } });
  expect([both.status, both.body.error.problems.map((p: { path: string }) => p.path)]).toEqual([422, ['body/filter']]);
  const badName = await send({ name: 'lab result!', businessKey: 'x' });
  expect([badName.status, badName.body.error.problems[0].path]).toEqual([422, 'body/name']);
});

test('a process and a filter reach every running case that waits there', async () => {
  const key = uniqueKey('ev-many');
  await publish(app, labProcess(key));
  const ids = [await startCase(app, key), await startCase(app, key)];
  for (const id of ids) await waitingAt(id, 'awaitResult');
  // Temporal's visibility lists new cases a moment after they start.
  const listed = async () => {
    let n = 0;
    for await (const _ of app.client.workflow.list({ query: `ProcessKey = '${key}' AND ExecutionStatus = 'Running'` })) n++;
    return n === 2 ? true : undefined;
  };
  await eventually(listed, 30_000, 'both cases listed');
  const res = await send({ name: 'labResult', processKey: key, filter: { node: 'awaitResult' }, payload: { result: 'positive' } });
  expect(res.status).toBe(202);
  expect(res.body.delivered.map((d: { caseId: string }) => d.caseId).sort()).toEqual([...ids].sort());
  for (const id of ids) expect((await waitFor(app, id, 'completed')).variables.lab).toEqual({ result: 'positive' });
});
