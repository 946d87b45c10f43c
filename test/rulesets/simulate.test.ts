/**
 * Impact preview over recorded decisions: a draft's changed params and changed
 * outcomes are counted, grouped and exemplified; the window bounds what is read.
 */
import { In } from 'typeorm';
import { DecisionEntity } from '../../engine/decisions/decision.entity';
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import { uniqueKey, useTestApp } from '../support/app';
import { insertDecisions, publishRuleSet, type SeededDecision } from '../support/rules';

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
    instanceId: `${key}-case-${i}`,
    nodeId: 'classify#1',
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

/** The whole preview of the 40 seeded decisions over the default window, without errors. */
const preview = (candidate: string, changed: number, paramsChanged: number, transitions: unknown[]) => ({
  candidate,
  window: { days: 30, limit: 5000 },
  total: 40,
  changed,
  paramsChanged,
  transitions,
  errors: 0,
  errorExamples: [],
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
  });

  it('medium risk → tests on arrival: an outcome transition, with no param changes', async () => {
    const res = await simulateDraft(key, quarantine(key, 7, { type: A, params: { days: 3 } }));
    expect(res.body).toMatchObject({ total: 40, changed: 15, paramsChanged: 0, errors: 0 });
    expect(res.body.transitions).toEqual([{ from: H, to: A, count: 15, examples: newestFive(key, 25, 39) }]);
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
      .update({ instanceId: In([0, 1, 2, 3].map((i) => `${key}-case-${i}`)) }, { decidedAt: new Date(Date.now() - 40 * 86_400_000) });
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
