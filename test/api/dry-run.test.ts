/**
 * Dry runs on the real Temporal server: a draft (never published) runs in the sandbox with its
 * activities and event stubbed and its timers jumped; the answer has the path, the decision with
 * its trace and the end, and nothing reaches the notice outbox, the decisions, the tasks, the case
 * log or the case list. Bad bodies are 4xx naming the field.
 */
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { uniqueKey, useTestApp } from '../support/app';
import { chain } from '../support/processes';
import { adultRules, publishRuleSet } from '../support/rules';

const app = useTestApp({ seed: false });
const DAY = 86_400_000;

/** start → decide (adult?) → notice (notify) → quarantine (P14D timer) → result (event, P2D timeout) → log → end 'released'; minors and no result end elsewhere. */
function screening(key: string, rules: string): ProcessDefinition {
  const def = chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'decide', type: 'decision', ruleset: rules, facts: { age: 'age' }, output: 'verdict' },
      { id: 'notice', type: 'activity', activity: 'notify', input: { to: '{"type": "person", "id": "p1"}', template: '"quarantine-start"' }, output: 'sent' },
      { id: 'quarantine', type: 'timer', duration: 'P14D' },
      { id: 'result', type: 'event', event: 'testResult', timeout: 'P2D', output: 'result' },
      { id: 'note', type: 'activity', activity: 'log', input: { message: '"released"' } },
      { id: 'released', type: 'end', outcome: 'released' },
      { id: 'minor', type: 'end', outcome: 'minor' },
      { id: 'noResult', type: 'end', outcome: 'noResult' },
    ],
    [
      { from: 'decide', to: 'minor', default: true },
      { from: 'result', to: 'noResult', on: 'timeout' },
    ],
    { variables: { type: 'object', properties: { age: { type: 'number' } } } },
  );
  // The decision's chained edge is taken on the rule set's 'adult' event.
  def.edges[1] = { ...def.edges[1], outcome: 'adult' };
  return def;
}

async function draftOf(rulesKey = uniqueKey('dry-rules')): Promise<{ key: string; def: ProcessDefinition }> {
  await publishRuleSet(app, adultRules(rulesKey, 14));
  const key = uniqueKey('dry');
  const def = screening(key, rulesKey);
  const res = await app.api('POST', '/api/processes', { key, name: def.name, definition: def });
  expect(res.status).toBe(201);
  return { key, def };
}

/** Rows any table holds of dry-run workflows: there must be none. */
async function sandboxRows(): Promise<Record<string, number>> {
  const db = app.platform.services.db;
  const counts: Record<string, number> = {};
  for (const table of ['notices', 'decisions', 'tasks', 'case_log', 'case_projection', 'cases']) {
    const column = table === 'cases' ? 'id' : 'case_id';
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} LIKE 'dry-run.%'`);
    counts[table] = n;
  }
  return counts;
}

const nothing = { notices: 0, decisions: 0, tasks: 0, case_log: 0, case_projection: 0, cases: 0 };

test('a draft runs with its activities and event stubbed: the path, the decision with its trace, jumped timers, and nothing written', async () => {
  const { key } = await draftOf();
  const began = Date.now();
  const res = await app.api('POST', `/api/processes/${key}/dry-run`, {
    input: { age: 40 },
    stubs: { notice: { stored: 'stub-1' }, result: { positive: false }, note: { logged: true } },
    startAt: '2026-01-01T08:00:00+08:00',
  });
  const tookMs = Date.now() - began;
  expect(res.status).toBe(200);
  const run = res.body;
  expect(run.ran).toBe('draft');
  expect(run.status).toBe('completed');
  expect(run.outcome).toBe('released');
  expect(run.nodeId).toBe('released');
  expect(run.path.map((v: { nodeId: string }) => v.nodeId)).toEqual(['start', 'decide', 'notice', 'quarantine', 'result', 'note', 'released']);
  expect(run.path.find((v: { nodeId: string }) => v.nodeId === 'decide').outcome).toBe('adult');

  const decision = run.steps.find((s: { kind: string }) => s.kind === 'decision');
  expect(decision).toMatchObject({ nodeId: 'decide', outcome: 'adult', facts: { age: 40 }, rulesetVersion: 1 });
  expect(decision.trace).toEqual([expect.objectContaining({ name: 'adult', evaluated: true, passed: true })]);
  // The stub is the step's output, written to its variable; the activity's evaluated input is shown beside it.
  expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'notice')).toMatchObject({ kind: 'activity', activity: 'notify', input: { to: { type: 'person', id: 'p1' }, template: 'quarantine-start' }, output: { stored: 'stub-1' } });
  expect(run.variables).toMatchObject({ age: 40, sent: { stored: 'stub-1' }, result: { positive: false }, verdict: { outcome: 'adult', params: { days: 14 } } });

  // Fourteen days jumped in far less than a minute, and the run's clock moved with them.
  const timer = run.steps.find((s: { kind: string }) => s.kind === 'timer');
  expect(timer).toMatchObject({ nodeId: 'quarantine', jumpedMs: 14 * DAY });
  expect(Date.parse(timer.dueAt)).toBeGreaterThanOrEqual(Date.parse('2026-01-15T00:00:00Z'));
  expect(run.elapsedMs).toBeGreaterThanOrEqual(14 * DAY);
  expect(run.elapsedMs).toBeLessThan(15 * DAY);
  expect(tookMs).toBeLessThan(30_000);

  expect(await sandboxRows()).toEqual(nothing);
});

test('without a stub an event times out at once (its timeout jumps), and an unstubbed activity fails the run without being called', async () => {
  const { key } = await draftOf();
  const timedOut = await app.api('POST', `/api/processes/${key}/dry-run`, { input: { age: 40 }, stubs: { notice: null } });
  expect(timedOut.status).toBe(200);
  expect(timedOut.body).toMatchObject({ status: 'completed', outcome: 'noResult' });
  expect(timedOut.body.steps.find((s: { nodeId: string }) => s.nodeId === 'result')).toMatchObject({ kind: 'timeout', jumpedMs: 2 * DAY });
  expect(timedOut.body.elapsedMs).toBeGreaterThanOrEqual(16 * DAY);

  const unstubbed = await app.api('POST', `/api/processes/${key}/dry-run`, { input: { age: 40 } });
  expect(unstubbed.status).toBe(200);
  expect(unstubbed.body).toMatchObject({ status: 'failed', nodeId: 'notice' });
  expect(unstubbed.body.error).toContain('no stub');
  expect(unstubbed.body.path.map((v: { nodeId: string }) => v.nodeId)).toEqual(['start', 'decide', 'notice']);

  const minor = await app.api('POST', `/api/processes/${key}/dry-run`, { input: { age: 9 } });
  expect(minor.body).toMatchObject({ status: 'completed', outcome: 'minor' });
  expect(await sandboxRows()).toEqual(nothing);
});

test('a definition sent as is runs unsaved; a task with no stub leaves the run waiting there', async () => {
  const { key, def } = await draftOf();
  const edited: ProcessDefinition = {
    ...def,
    nodes: def.nodes.flatMap((n) => (n.id === 'noResult' ? [] : n.id === 'result' ? [{ id: 'result', type: 'task', title: { zh: '结果', en: 'Result' }, form: { type: 'object', properties: { positive: { type: 'boolean' } } }, output: 'result' } as const] : [n])),
    edges: def.edges.filter((e) => e.on !== 'timeout'),
  };
  const waiting = await app.api('POST', `/api/processes/${key}/dry-run`, { definition: edited, input: { age: 40 }, stubs: { notice: null } });
  expect(waiting.status).toBe(200);
  expect(waiting.body).toMatchObject({ ran: 'definition', status: 'waiting', nodeId: 'result' });
  const done = await app.api('POST', `/api/processes/${key}/dry-run`, { definition: edited, input: { age: 40 }, stubs: { notice: null, result: { positive: true }, note: null } });
  expect(done.body).toMatchObject({ status: 'completed', outcome: 'released', variables: { result: { positive: true } } });
  expect(await sandboxRows()).toEqual(nothing);
});

test('bad bodies are refused naming the field, and only designers may dry-run', async () => {
  const { key, def } = await draftOf();
  const post = (body: unknown) => app.api('POST', `/api/processes/${key}/dry-run`, body);
  const expectProblem = async (body: unknown, status: number, path: string | RegExp) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining([typeof path === 'string' ? path : expect.stringMatching(path)]));
  };
  await expectProblem({ stubs: { nowhere: 1 } }, 422, 'stubs/nowhere');
  await expectProblem({ stubs: { decide: 'adult' } }, 422, 'stubs/decide');
  await expectProblem({ stubs: { 'not an id': 1 } }, 422, 'body/stubs/not an id');
  await expectProblem({ timeScale: 0 }, 422, 'body/timeScale');
  await expectProblem({ input: { age: 'forty' } }, 422, 'input/age');
  await expectProblem({ startAt: 'soon' }, 422, 'body/startAt');
  await expectProblem({ surprise: true }, 422, /^body/);
  await expectProblem({ definition: { ...def, key: 'other' } }, 422, 'definition/key');
  await expectProblem({ definition: { ...def, edges: [] } }, 422, /^definition\//);
  await expectProblem({ definition: def, version: 1 }, 422, 'body/version');
  expect((await app.api('POST', `/api/processes/${uniqueKey('none')}/dry-run`, {})).status).toBe(404);

  const operator = app.as('dry-operator', { roles: ['operator'] });
  expect((await operator.api('POST', `/api/processes/${key}/dry-run`, {})).status).toBe(403);
  const designer = app.as('dry-designer', { roles: ['designer'] });
  expect((await designer.api('POST', `/api/processes/${key}/dry-run`, { input: { age: 9 } })).body.outcome).toBe('minor');
});

test('saved dry runs are the process tests: answered on every save, and a failing one refuses publish unless acknowledged', async () => {
  const { key, def } = await draftOf();
  const passing = { name: 'adult released', input: { age: 40 }, stubs: { notice: null, result: { positive: false }, note: null }, expect: { status: 'completed', outcome: 'released', path: ['start', 'decide', 'notice', 'quarantine', 'result', 'note', 'released'] } };
  const failing = { name: 'minor released', input: { age: 9 }, expect: { status: 'completed', outcome: 'released' } };
  const saved = await app.api('PUT', `/api/processes/${key}/draft`, { definition: { ...def, tests: [passing, failing] } });
  expect(saved.status).toBe(200);
  expect(saved.body.problems).toEqual([]);
  expect(saved.body.tests).toMatchObject({ passed: 1, failed: 1 });
  expect(saved.body.tests.results[1]).toMatchObject({ name: 'minor released', passed: false, actual: { status: 'completed', outcome: 'minor', path: ['start', 'decide', 'minor'] } });
  expect(saved.body.tests.results[1].reasons.join()).toContain("expected the outcome 'released', got 'minor'");

  const refused = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'try' });
  expect(refused.status).toBe(422);
  expect(refused.body.error.code).toBe('rule_tests_failed');
  expect(refused.body.error.problems).toEqual([expect.objectContaining({ path: 'tests/1', message: expect.stringContaining('minor released') })]);
  expect((await app.api('GET', `/api/processes/${key}`)).body.latestVersion).toBeNull();
  const acknowledged = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'known', acknowledgement: 'minors are handled next sprint' });
  expect(acknowledged.status).toBe(201);

  // A test that stubs a step the process lacks is a problem of the draft, named where it is.
  const broken = await app.api('PUT', `/api/processes/${key}/draft`, { definition: { ...def, tests: [{ ...passing, stubs: { gone: 1 } }] } });
  expect(broken.body.problems).toEqual([expect.objectContaining({ path: 'tests/0/stubs/gone', code: 'unknown_node' })]);
  expect(await sandboxRows()).toEqual(nothing);
});

test('a failing process test says why with codes and values a client words in its language, the English kept for API clients', async () => {
  const { key, def } = await draftOf();
  // Adults reach the notify step, which this test does not stub: the run fails there.
  const unstubbed = { name: 'adult unstubbed', input: { age: 40 }, expect: { status: 'completed', outcome: 'released' } };
  const otherPath = { name: 'minor path', input: { age: 9 }, expect: { status: 'completed', nodeId: 'released', path: ['start', 'decide', 'notice'] } };
  const saved = await app.api('PUT', `/api/processes/${key}/draft`, { definition: { ...def, tests: [unstubbed, otherPath] } });
  expect(saved.body.tests).toMatchObject({ passed: 0, failed: 2 });
  expect(saved.body.tests.results[0].failures).toEqual([
    { code: 'no_stub', params: { expected: 'completed', node: 'notice' }, message: expect.stringContaining("step 'notice' has no stub") },
    { code: 'outcome', params: { expected: 'released', actual: '' }, message: "expected the outcome 'released', got ''" },
  ]);
  expect(saved.body.tests.results[0].reasons).toEqual(saved.body.tests.results[0].failures.map((f: { message: string }) => f.message));
  expect(saved.body.tests.results[1].failures.map((f: { code: string }) => f.code)).toEqual(['stop', 'path']);

  const refused = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'try' });
  expect(refused.status).toBe(422);
  expect(refused.body.error.code).toBe('rule_tests_failed');
  expect(refused.body.error.problems).toEqual([
    {
      path: 'tests/0',
      code: 'process_test_failed',
      message: expect.stringContaining("test 'adult unstubbed' fails: expected completed, but step 'notice' has no stub"),
      params: { test: 'adult unstubbed', reasons: 'no_stub,outcome', 'no_stub.expected': 'completed', 'no_stub.node': 'notice', 'outcome.expected': 'released', 'outcome.actual': '' },
    },
    {
      path: 'tests/1',
      code: 'process_test_failed',
      message: expect.stringContaining("expected to stop at 'released', stopped at 'minor'"),
      params: { test: 'minor path', reasons: 'stop,path', 'stop.expected': 'released', 'stop.actual': 'minor', 'path.expected': 'start,decide,notice', 'path.actual': 'start,decide,minor' },
    },
  ]);
});
