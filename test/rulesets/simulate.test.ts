/**
 * Impact preview over recorded decisions: a draft's changed params and changed
 * outcomes are counted, grouped and exemplified; the window bounds what is read.
 */
import { In } from 'typeorm';
import { DecisionEntity } from '../../engine/decisions/decision.entity';
import { RulesetService } from '../../engine/rulesets/ruleset.service';
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { decideThenWait, publish, startCase, waitFor } from '../support/processes';
import { adultRules, insertDecisions, publishRuleSet, type SeededDecision } from '../support/rules';

const app = useTestApp();

const C = 'centralized-quarantine';
const H = 'home-quarantine';
const A = 'arrival-tests';

/** Quarantine by risk: high → centralized, medium → home (or `medium` as given), each for `days`. */
function quarantine(key: string, days: number, medium = { type: H, params: { days } }, extra: Partial<RulesRuleSet> = {}): RulesRuleSet {
  return {
    key,
    name: { zh: '隔离', en: 'Quarantine' },
    kind: 'rules',
    facts: { risk: { type: 'string', enum: ['high', 'medium', 'low'] } },
    rules: [
      { priority: 90, conditions: { all: [{ fact: 'risk', operator: 'equal', value: 'high' }] }, event: { type: C, params: { days } } },
      { priority: 80, conditions: { all: [{ fact: 'risk', operator: 'equal', value: 'medium' }] }, event: medium },
      { priority: 70, conditions: { all: [{ fact: 'risk', operator: 'equal', value: 'low' }] }, event: { type: A, params: { days: 3 } } },
    ],
    ...extra,
  };
}

/** Decisions as v1 (7 days) recorded them, in insertion order: `high` high-risk cases, then `medium` medium-risk ones. */
function recorded(key: string, high: number, medium: number): SeededDecision[] {
  const row = (i: number, risk: string, outcome: string): SeededDecision => ({
    caseId: `${key}-case-${i}`,
    nodeId: 'classify',
    visit: 1,
    rulesetKey: key,
    rulesetVersion: 1,
    facts: { risk },
    events: [{ type: outcome, params: { days: 7 } }],
    outcome,
  });
  return [...Array.from({ length: high }, (_, i) => row(i, 'high', C)), ...Array.from({ length: medium }, (_, i) => row(high + i, 'medium', H))];
}

/** How the preview names a decision. */
const id = (key: string, i: number) => `${key}-case-${i}/classify#1`;
/** The five newest of cases first..last (the preview reads newest first). */
const newestFive = (key: string, first: number, last: number) => [0, 1, 2, 3, 4].map((n) => id(key, last - n)).filter((_, n) => last - n >= first);

const simulate = (key: string, body: Record<string, unknown>) => app.api('POST', `/api/rulesets/${key}/simulate`, body);

/** Saves `draft` as the rule set's draft, then previews the draft. */
async function simulateDraft(key: string, draft: RulesRuleSet) {
  expect((await app.api('PUT', `/api/rulesets/${key}/draft`, draft)).status).toBe(200);
  return simulate(key, { draft: true });
}

/** The whole preview of the 40 seeded decisions over the default window, without errors (the matrix and running cases asserted apart). */
const preview = (candidate: string, changed: number, paramsChanged: number, transitions: unknown[]) => ({
  candidate,
  window: { days: 30, limit: 5000, from: expect.any(String), to: expect.any(String) },
  total: 40,
  changed,
  paramsChanged,
  transitions,
  matrix: expect.any(Object),
  errors: 0,
  errorExamples: [],
  running: expect.any(Object),
});

describe('a seeded set of 40 decisions: 25 high-risk → centralized 7 days, 15 medium → home 7 days', () => {
  const key = uniqueKey('sim');
  beforeAll(async () => {
    await publishRuleSet(app, quarantine(key, 7));
    await insertDecisions(app, recorded(key, 25, 15));
  });

  it('the published version itself changes nothing', async () => {
    for (const body of [{}, { version: 1 }]) {
      const res = await simulate(key, body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(preview('v1', 0, 0, []));
    }
  });

  it('7 → 5 days: every decision keeps its outcome and changes its days', async () => {
    const res = await simulateDraft(key, quarantine(key, 5));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      preview('draft', 40, 40, [
        { from: C, to: C, count: 25, examples: newestFive(key, 0, 24), paramChanges: { days: { from: 7, to: 5 } } },
        { from: H, to: H, count: 15, examples: newestFive(key, 25, 39), paramChanges: { days: { from: 7, to: 5 } } },
      ]),
    );
    // The matrix counts every decision read, unchanged outcomes on its diagonal, and each param's values.
    expect(res.body.matrix).toEqual({
      outcomes: [
        { from: C, to: C, count: 25 },
        { from: H, to: H, count: 15 },
      ],
      params: { days: [{ from: 7, to: 5, count: 40 }] },
      truncated: 0,
    });
    // The window it read is named by its instants, 30 days apart.
    const { from, to } = res.body.window;
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * 86_400_000);
  });

  it('medium risk → tests on arrival: an outcome transition, with no param changes', async () => {
    const res = await simulateDraft(key, quarantine(key, 7, { type: A, params: { days: 3 } }));
    expect(res.body).toMatchObject({ total: 40, changed: 15, paramsChanged: 0, errors: 0 });
    expect(res.body.transitions).toEqual([{ from: H, to: A, count: 15, examples: newestFive(key, 25, 39) }]);
    expect(res.body.matrix.outcomes).toEqual([
      { from: C, to: C, count: 25 },
      { from: H, to: A, count: 15 },
    ]);
    expect(res.body.matrix.params.days).toEqual([
      { from: 7, to: 7, count: 25 },
      { from: 7, to: 3, count: 15 },
    ]);
  });

  it('a medium-risk rule removed: those decisions would have no outcome', async () => {
    const draft = quarantine(key, 7);
    draft.rules.splice(1, 1);
    const res = await simulateDraft(key, draft);
    expect(res.body.transitions).toEqual([{ from: H, to: null, count: 15, examples: newestFive(key, 25, 39) }]);
  });

  it('a draft that needs a fact the records lack: counted as errors with examples, not as changes', async () => {
    const draft = quarantine(key, 7, undefined, { facts: { risk: { type: 'string' }, age: { type: 'number' } } });
    draft.rules[0].conditions = { all: [{ fact: 'risk', operator: 'equal', value: 'high' }, { fact: 'age', operator: 'greaterThan', value: 14 }] };
    const res = await simulateDraft(key, draft);
    expect(res.body).toMatchObject({ total: 40, changed: 0, errors: 40, transitions: [] });
    expect(res.body.errorExamples).toEqual(newestFive(key, 0, 39).map((example) => ({ id: example, message: 'missing facts: age' })));
  });

  it('a preview whose client went away stops reading and gives its connection back', async () => {
    const gone = new AbortController();
    gone.abort(new Error('the client closed the request'));
    const previews = new RulesetService(app.platform.services);
    for (let i = 0; i < 12; i++) await expect(previews.simulate(key, {}, { days: 30, limit: 5000 }, gone.signal)).rejects.toThrow('the client closed the request');
    // More aborted previews than the pool has connections, and the next one still runs.
    expect((await simulate(key, {})).body).toMatchObject({ total: 40, changed: 0 });
  });

  it('the candidate must exist: no draft is a 404, an unpublished version a 404', async () => {
    expect((await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'clears the draft' })).status).toBe(201);
    expect((await simulate(key, { draft: true })).status).toBe(404);
    expect((await simulate(key, { version: 9 })).status).toBe(404);
  });
});

describe('the window', () => {
  it('reads decisions of the last `days` only, newest first, at most `limit`', async () => {
    const key = uniqueKey('win');
    await publishRuleSet(app, quarantine(key, 7));
    await insertDecisions(app, recorded(key, 10, 0));
    // Cases 0-3 were decided 40 days ago.
    await app.platform.services.db
      .getRepository(DecisionEntity)
      .update({ caseId: In([0, 1, 2, 3].map((i) => `${key}-case-${i}`)) }, { decidedAt: new Date(Date.now() - 40 * 86_400_000) });
    expect((await app.api('PUT', `/api/rulesets/${key}/draft`, quarantine(key, 5))).status).toBe(200);

    const counted = async (window: Record<string, number>) => {
      const res = await simulate(key, { draft: true, window });
      expect(res.status).toBe(200);
      return [res.body.total, res.body.transitions[0]?.examples];
    };
    expect(await counted({ days: 30 })).toEqual([6, newestFive(key, 4, 9)]);
    expect(await counted({ days: 60 })).toEqual([10, newestFive(key, 0, 9)]);
    expect(await counted({ days: 60, limit: 3 })).toEqual([3, newestFive(key, 7, 9)]);

    const other = await simulate(key, { draft: true, window: { days: 0 } });
    expect([other.status, other.body.error.problems[0].path]).toEqual([422, 'body/window/days']);
  });

  it('decisions of other rule sets are not read', async () => {
    const key = uniqueKey('alone');
    await publishRuleSet(app, quarantine(key, 7));
    expect((await simulate(key, {})).body).toMatchObject({ total: 0, changed: 0 });
  });
});

describe('running cases', () => {
  it('what a draft changes at their next decision, by org unit: 7 → 5 days brings 5 adults in two districts 10 days earlier', async () => {
    const rules = uniqueKey('run-rules');
    await publishRuleSet(app, adultRules(rules, 7));
    const processKey = uniqueKey('run-proc');
    await publish(app, decideThenWait(processKey, rules));
    const people: [string, number][] = [['qingjiangpu', 30], ['qingjiangpu', 40], ['qingjiangpu', 50], ['huaiyin', 30], ['huaiyin', 60], ['huaiyin', 10]];
    const ids = await Promise.all(people.map(([orgUnit, age]) => startCase(app, processKey, { age }, { orgUnit })));
    await Promise.all(ids.map((id) => waitFor(app, id, 'running', 'check', 45_000)));

    expect((await app.api('PUT', `/api/rulesets/${rules}/draft`, adultRules(rules, 5))).status).toBe(200);
    // The case projection records a started case as its workflow runs: a moment later.
    const running = await eventually(async () => {
      const res = await simulate(rules, { draft: true });
      expect(res.status).toBe(200);
      return res.body.running?.cases === 6 ? res.body.running : undefined;
    }, 30_000, 'the six running cases in the preview');
    expect(running).toMatchObject({ current: 'v1', cases: 6, changed: 5, errors: 0, truncated: false });
    const byUnit = Object.fromEntries(running.byOrgUnit.map((u: { orgUnit: string }) => [u.orgUnit, u]));
    expect(byUnit.qingjiangpu).toMatchObject({ cases: 3, changed: 3, outcomeChanged: 0, paramsChanged: 3, paramShifts: { days: { changed: 3, delta: -6 } }, nodes: { decide: 3 } });
    expect(byUnit.huaiyin).toMatchObject({ cases: 3, changed: 2, outcomeChanged: 0, paramsChanged: 2, paramShifts: { days: { changed: 2, delta: -4 } }, nodes: { decide: 2 } });
    expect([...byUnit.qingjiangpu.examples, ...byUnit.huaiyin.examples].sort()).toEqual([ids[0], ids[1], ids[2], ids[3], ids[4]].sort());

    // A rule that no longer fires for the over-55s: an outcome change, counted apart from params.
    const draft = adultRules(rules, 7);
    draft.rules[0].conditions = { all: [{ fact: 'age', operator: 'greaterThan', value: 18 }, { fact: 'age', operator: 'lessThan', value: 55 }] };
    expect((await app.api('PUT', `/api/rulesets/${rules}/draft`, draft)).status).toBe(200);
    const outcome = (await simulate(rules, { draft: true })).body.running;
    expect(outcome).toMatchObject({ cases: 6, changed: 1 });
    expect(outcome.byOrgUnit[0]).toMatchObject({ orgUnit: 'huaiyin', changed: 1, outcomeChanged: 1, transitions: [{ from: 'adult', to: null, count: 1 }], examples: [ids[4]] });

    // Asked not to, the preview leaves running cases out.
    expect((await simulate(rules, { draft: true, running: false })).body).not.toHaveProperty('running');
  });
});
