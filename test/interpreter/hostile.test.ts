/**
 * Hostile processes on the real dev server: each one an administrator could publish by
 * mistake. Each must fail its own case with a reason that names the limit, while the
 * worker goes on serving every other case.
 */
import { useTestApp, uniqueKey } from '../support/app';
import { defaultPayloadConverter } from '@temporalio/common';
import type { ProcessDefinition, ProcessNode } from '../../workflows/definition/schema';
import type { ProcessInput } from '../../workflows/process-workflow';
import { caseState, chain, publish, startCase, waitFor } from '../support/processes';

const app = useTestApp();

/** Publishes the definition; answers its key and the warning codes the publish answer gave. */
async function publishWarned(def: ProcessDefinition): Promise<{ key: string; warnings: string[] }> {
  const created = await app.api('POST', '/api/processes', { key: def.key, name: def.name, definition: def });
  expect(created.status).toBe(201);
  const published = await app.api('POST', `/api/processes/${def.key}/publish`, { comment: 'hostile' });
  expect(published.status).toBe(201);
  return { key: def.key, warnings: published.body.warnings.map((w: { code: string }) => w.code) };
}

/** start → the nodes → end. */
const straight = (prefix: string, nodes: ProcessNode[]) =>
  publishWarned(chain(uniqueKey(prefix), [{ id: 'start', type: 'start' }, ...nodes, { id: 'end', type: 'end', outcome: 'done' }]));

const assign = (v: string): ProcessNode => ({ id: 'calc', type: 'assign', assign: { v } });

test('runaway expressions, oversized data and a loop that never waits each fail their case, and 20 ordinary cases complete beside them', async () => {
  const recursion = await straight('hostile-rec', [assign('($f := function($n){$f($n+1)}; $f(0))')]);
  const range = await straight('hostile-range', [assign('[1..10000000]')]);
  const hugeString = await straight('hostile-pad', [assign('$pad("", 2000000, "x")')]);
  const bigVariable = await straight('hostile-var', [assign('$pad("", 300000, "x")')]);
  const bigCase = await straight('hostile-case', [
    { id: 'fill', type: 'assign', assign: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [n, '$pad("", 250000, "x")'])) },
  ]);
  const bigEvent = await straight('hostile-event', [{ id: 'result', type: 'event', event: 'labResult', output: 'result' }]);
  // start → init → again ⇄ inc, and again → end once n reaches a million: it never waits.
  const loopKey = uniqueKey('hostile-loop');
  const loop = await publishWarned({
    key: loopKey,
    name: { zh: loopKey, en: loopKey },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'init', type: 'assign', assign: { n: '0' } },
      { id: 'again', type: 'gateway' },
      { id: 'inc', type: 'assign', assign: { n: 'n + 1' } },
      { id: 'end', type: 'end', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'init' },
      { id: 'e2', from: 'init', to: 'again' },
      { id: 'e3', from: 'again', to: 'inc', condition: { all: [{ fact: 'n', operator: 'lessThan', value: 1_000_000 }] } },
      { id: 'e4', from: 'inc', to: 'again' },
      { id: 'e5', from: 'again', to: 'end', default: true },
    ],
  });
  const legal = await straight('legal-rec', [assign('($f := function($n){ $n >= 50 ? $n : 1 + $f($n + 1) }; $f(0))')]);
  const ordinary = await straight('ordinary', [
    { id: 'calc', type: 'assign', assign: { doubled: 'amount * 2', label: "'case ' & $string(amount)" } },
    { id: 'note', type: 'activity', activity: 'log', input: { message: 'label' } },
  ]);

  // Publish warned about each runaway shape, and refused none of them.
  expect(recursion.warnings).toEqual(['recursive_function']);
  expect(range.warnings).toEqual(['large_range']);
  expect(loop.warnings).toEqual(['loop_without_wait']);
  expect(legal.warnings).toEqual(['recursive_function']);
  expect(ordinary.warnings).toEqual([]);

  const hostile = {
    recursion: await startCase(app, recursion.key),
    range: await startCase(app, range.key),
    hugeString: await startCase(app, hugeString.key),
    bigVariable: await startCase(app, bigVariable.key),
    bigCase: await startCase(app, bigCase.key),
    bigEvent: await startCase(app, bigEvent.key),
    loop: await startCase(app, loop.key),
  };
  const legalCase = await startCase(app, legal.key);
  const ordinaryCases = await Promise.all(Array.from({ length: 20 }, (_, i) => startCase(app, ordinary.key, { amount: i })));
  const sent = await app.api('POST', `/api/cases/${hostile.bigEvent}/events/labResult`, { payload: { report: 'x'.repeat(600_000) } });
  expect(sent.status).toBe(202);

  const failed = async (id: string) => (await waitFor(app, id, 'failed', undefined, 90_000)).error;
  expect(await failed(hostile.recursion)).toEqual({
    nodeId: 'calc',
    code: 'expression_budget',
    message: "expression budget exceeded: steps over 5000 at character 27 of '($f := function($n){$f($n+1)}; $f(0))'",
  });
  expect(await failed(hostile.range)).toEqual({
    nodeId: 'calc',
    code: 'expression_budget',
    message: "expression budget exceeded: range of 10000000 items over 100000 at character 12 of '[1..10000000]'",
  });
  expect(await failed(hostile.hugeString)).toMatchObject({ nodeId: 'calc', code: 'expression_budget', message: expect.stringMatching(/^expression budget exceeded: string of 2000000 characters over 1000000 /) });
  expect(await failed(hostile.bigVariable)).toEqual({
    nodeId: 'calc',
    code: 'case_data_limit',
    message: "case data limit: variable 'v' written by node 'calc' is over 262144 bytes of JSON (the limit per variable)",
  });
  expect(await failed(hostile.bigCase)).toMatchObject({
    nodeId: 'fill',
    code: 'case_data_limit',
    message: expect.stringMatching(/^case data limit: with 'a', 'b', 'c', 'd', 'e' written by node 'fill' the case's variables would be \d+ bytes of JSON, over 1048576 \(the limit per case\)$/),
  });
  expect(await failed(hostile.bigEvent)).toMatchObject({ nodeId: 'result', code: 'case_data_limit', message: expect.stringContaining("variable 'result' written by node 'result' is over 262144 bytes") });
  const looped = await waitFor(app, hostile.loop, 'failed', undefined, 90_000);
  expect(looped.error).toMatchObject({ nodeId: expect.any(String), code: 'loop_without_wait', message: expect.stringMatching(/^loop of 1000 steps without a wait/) });
  // The loop ran up to its budget: about half its steps were increments.
  expect(looped.variables.n).toBeGreaterThan(400);

  // Nothing oversized was kept: the refused writes left the variables as they were.
  expect((await caseState(app, hostile.bigVariable)).variables.v).toBeUndefined();

  expect((await waitFor(app, legalCase, 'completed', undefined, 90_000)).variables.v).toBe(100);
  const done = await Promise.all(ordinaryCases.map((id) => waitFor(app, id, 'completed', undefined, 90_000)));
  expect(done.map((s) => s.variables.doubled)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));

  // The limits travel with the case: its start input holds the engine's configuration.
  const history = await app.client.workflow.getHandle(hostile.recursion).fetchHistory();
  const started = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
  const input = defaultPayloadConverter.fromPayload<ProcessInput>(started);
  expect(input.limits).toEqual(app.platform.services.config.caseLimits);

  const health = await app.api('GET', '/api/health');
  expect(health.status).toBe(200);
  expect(health.body.status).toBe('ok');
  // Its waits allow 90 s each on a loaded machine: the test's own limit must not cut them short.
}, 240_000);

test("a runaway expression in an activity's input takes the node's error edge, like any node error", async () => {
  const key = uniqueKey('hostile-edge');
  await publish(
    app,
    chain(
      key,
      [
        { id: 'start', type: 'start' },
        { id: 'note', type: 'activity', activity: 'log', input: { message: '$string([1..10000000])' } },
        { id: 'end', type: 'end', outcome: 'done' },
        { id: 'handled', type: 'end', outcome: 'handled' },
      ],
      [{ from: 'note', to: 'handled', on: 'error' }],
    ),
  );
  const s = await waitFor(app, await startCase(app, key), 'completed', undefined, 60_000);
  expect(s.outcome).toBe('handled');
  expect(s.variables.lastError).toEqual({ nodeId: 'note', message: expect.stringMatching(/^expression budget exceeded: range of 10000000 items over 100000/) });
}, 120_000);
