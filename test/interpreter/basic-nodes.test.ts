import { z } from 'zod';
import { defineActivity } from '../../engine/activities/define';
import { recordHistory } from '../support/fixtures';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { caseState, chain, path, publish, startCase, waitFor } from '../support/processes';

/** Fails on the attempts it is told to; counts every call. */
const calls: Record<string, number> = {};
const flaky = defineActivity({
  name: 'testFlaky',
  title: { zh: '测试', en: 'Test flaky' },
  description: { zh: '测试', en: 'Fails as told' },
  category: 'test',
  input: z.object({ key: z.string(), failTimes: z.number().int(), value: z.unknown().optional() }),
  output: z.object({ value: z.unknown(), attempt: z.number() }),
  timeout: 'PT10S',
  retry: { maxAttempts: 3, initialInterval: 'PT0.1S', backoff: 1 },
  async handler(input, ctx) {
    calls[input.key] = (calls[input.key] ?? 0) + 1;
    if (ctx.attempt <= input.failTimes) throw new Error(`planned failure ${ctx.attempt}`);
    return { value: input.value ?? null, attempt: ctx.attempt };
  },
});

const app = useTestApp({ extraActivities: [flaky] });

test('activity, assign and gateway: the condition picks the branch and outputs land in variables', async () => {
  const key = uniqueKey('gw');
  // chain() links route → big; that edge gets the condition, the extra edge is the default.
  const def = chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'double', type: 'assign', assign: { doubled: 'amount * 2', tag: "'n=' & $string(amount)" } },
      { id: 'call', type: 'activity', activity: 'testFlaky', input: { key: `'${key}'`, failTimes: '1', value: 'doubled' }, output: 'called' },
      { id: 'route', type: 'gateway' },
      { id: 'big', type: 'end', outcome: 'big' },
      { id: 'small', type: 'end', outcome: 'small' },
    ],
    [{ from: 'route', to: 'small', default: true }],
  );
  def.edges = def.edges.map((e) => (e.from === 'route' && !e.default ? { ...e, condition: { all: [{ fact: 'doubled', operator: 'greaterThan', value: 10 }] } } : e));
  await publish(app, def);

  const bigCase = await startCase(app, key, { amount: 7 });
  const smallCase = await startCase(app, key, { amount: 2 });
  const big = await waitFor(app, bigCase, 'completed');
  const small = await waitFor(app, smallCase, 'completed');
  expect(big.outcome).toBe('big');
  expect(small.outcome).toBe('small');
  expect(big.variables).toMatchObject({ doubled: 14, tag: 'n=7', called: { value: 14, attempt: 2 } });
  expect(path(big)).toEqual(['start', 'double', 'call', 'route', 'big']);
  await recordHistory(app, 'gateway-assign-activity', bigCase);
  expect(big.version).toBe(1);
});

test('an activity error follows the error edge and records the error; without one the case waits at the node with an incident', async () => {
  const key = uniqueKey('err');
  const nodes = [
    { id: 'start', type: 'start' as const },
    { id: 'call', type: 'activity' as const, activity: 'testFlaky', input: { key: `'${key}'`, failTimes: '99' } },
    { id: 'ok', type: 'end' as const, outcome: 'ok' },
    { id: 'handled', type: 'end' as const, outcome: 'handled' },
  ];
  await publish(app, chain(key, nodes, [{ from: 'call', to: 'handled', on: 'error' }]));
  const handledId = await startCase(app, key);
  const handled = await waitFor(app, handledId, 'completed');
  expect(handled.outcome).toBe('handled');
  expect(handled.variables.lastError).toEqual({ nodeId: 'call', message: 'planned failure 3' });
  expect(calls[key]).toBe(3);
  await recordHistory(app, 'activity-error-edge', handledId);

  const failKey = uniqueKey('fail');
  await publish(app, chain(failKey, nodes.slice(0, 3).map((n) => (n.id === 'call' ? { ...n, input: { key: `'${failKey}'`, failTimes: '99' } } : n))));
  const waiting = await incidentOf(await startCase(app, failKey));
  expect(waiting.status).toBe('running');
  expect(waiting.incidents[0]).toMatchObject({ nodeId: 'call', error: 'planned failure 3', attempts: 3 });
});

test('bad activity input opens an incident at once (no retries) naming the field', async () => {
  const key = uniqueKey('badin');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'call', type: 'activity', activity: 'testFlaky', input: { key: `'${key}'`, failTimes: "$uppercase('not a number')" } },
      { id: 'end', type: 'end' },
    ]),
  );
  const waiting = await incidentOf(await startCase(app, key));
  expect(waiting.incidents[0]).toMatchObject({ nodeId: 'call', errorType: 'InvalidActivityInput', attempts: 1 });
  expect(waiting.incidents[0].error).toMatch(/failTimes/);
  expect(calls[key]).toBeUndefined();
});

/** The case's state once it waits with an open incident. */
function incidentOf(caseId: string) {
  return eventually(async () => {
    const s = await caseState(app, caseId);
    return s.incidents?.length ? s : undefined;
  }, 30_000, `an incident in ${caseId}`);
}

test('timer: a duration computed from variables, then an until expression', async () => {
  const key = uniqueKey('timer');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'wait', type: 'timer', duration: 'waitFor' },
      { id: 'stamp', type: 'assign', assign: { at: '$millis()' } },
      { id: 'until', type: 'timer', until: 'at + 500' },
      { id: 'end', type: 'end', outcome: 'done' },
    ]),
  );
  const t0 = Date.now();
  const s = await waitFor(app, await startCase(app, key, { waitFor: 'PT1S' }), 'completed');
  expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
  const visit = (id: string) => s.history.find((h: { nodeId: string }) => h.nodeId === id);
  expect(Date.parse(visit('wait').leftAt) - Date.parse(visit('wait').enteredAt)).toBeGreaterThanOrEqual(1000);
  expect(Date.parse(visit('until').leftAt) - Date.parse(visit('until').enteredAt)).toBeGreaterThanOrEqual(450);
});

test('event: a payload is stored; an event sent early waits for its node; a timeout takes the timeout edge', async () => {
  const key = uniqueKey('event');
  await publish(
    app,
    chain(
      key,
      [
        { id: 'start', type: 'start' },
        { id: 'pause', type: 'timer', duration: 'PT1S' },
        { id: 'result', type: 'event', event: 'testResult', output: 'result', timeout: 'PT3S' },
        { id: 'got', type: 'end', outcome: 'got' },
        { id: 'missed', type: 'end', outcome: 'missed' },
      ],
      [{ from: 'result', to: 'missed', on: 'timeout' }],
    ),
  );
  const early = await startCase(app, key);
  // Sent while the case is still in the timer: it must not be lost.
  expect((await app.api('POST', `/api/cases/${early}/events/testResult`, { payload: { result: 'negative' } })).status).toBe(202);
  const got = await waitFor(app, early, 'completed');
  expect(got.outcome).toBe('got');
  expect(got.variables.result).toEqual({ result: 'negative' });
  await recordHistory(app, 'event-sent-early', early);

  const late = await waitFor(app, await startCase(app, key), 'completed');
  expect(late.outcome).toBe('missed');
  expect(path(late)).toEqual(['start', 'pause', 'result', 'missed']);
});

test('assign is simultaneous: entries read the variables from before the node, whatever order the stored JSON keeps', async () => {
  const key = uniqueKey('swap');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'swap', type: 'assign', assign: { left: 'right', right: 'left', longerName: 'left & right' } },
      { id: 'end', type: 'end' },
    ]),
  );
  const s = await waitFor(app, await startCase(app, key, { left: 'L', right: 'R' }), 'completed');
  expect(s.variables).toMatchObject({ left: 'R', right: 'L', longerName: 'LR' });
});
