/**
 * Evaluation through the API: the same events as json-rules-engine run directly,
 * every missing fact named, the draft and each version evaluated apart, and the
 * seeded arrival classification decided and explained over a table of cases.
 */
import { builtInRuleSets } from '../../domain/library/rulesets';
import type { TableRuleSet } from '../../rules/ruleset-schema';
import { exampleRuleSet, libraryEvents, parityExamples } from '../../rules/test-support';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { adultRules, normalized, publishRuleSet } from '../support/rules';

const app = useTestApp();

const evaluate = (key: string, body: Record<string, unknown>) => app.api('POST', `/api/rulesets/${key}/evaluate`, body);

describe('parity with json-rules-engine documented examples', () => {
  it.each(parityExamples.map((e) => [e.name, e] as const))('%s', async (_name, example) => {
    const key = uniqueKey('parity');
    await publishRuleSet(app, exampleRuleSet(example, key));
    let fired = 0;
    for (const facts of example.runs) {
      const expected = await libraryEvents(example, facts);
      const res = await evaluate(key, { facts });
      expect(res.status).toBe(200);
      expect({ facts, events: normalized(res.body.events) }).toEqual({ facts, events: normalized(expected) });
      fired += expected.length;
    }
    // Parity over runs where nothing fires would prove little.
    expect(fired).toBeGreaterThan(0);
  });
});

test('facts an operator cannot apply to (in on a number) are a 422 naming the rule set, not a 500', async () => {
  const key = uniqueKey('badin');
  await publishRuleSet(app, adultRules(key, 7, { rules: [{ name: 'listed', conditions: { all: [{ fact: 'age', operator: 'in', value: { fact: 'person' } }] }, event: { type: 'listed' } }] }));
  const res = await evaluate(key, { facts: { age: 30, person: 5 } });
  expect(res.status).toBe(422);
  expect(res.body.error).toMatchObject({ code: 'rule_evaluation_failed', message: expect.stringContaining(`rule set '${key}'`) });
});

describe('draft and versions', () => {
  it('the latest version by default, any version by number, the draft on request', async () => {
    const key = uniqueKey('cand');
    await publishRuleSet(app, adultRules(key, 7));
    expect((await app.api('PUT', `/api/rulesets/${key}/draft`, adultRules(key, 5))).status).toBe(200);
    const days = async (body: Record<string, unknown>) => {
      const res = await evaluate(key, { facts: { age: 30 }, ...body });
      expect(res.status).toBe(200);
      return [res.body.evaluated, res.body.events[0].params.days];
    };
    expect(await days({})).toEqual(['v1', 7]);
    expect(await days({ draft: true })).toEqual(['draft', 5]);

    expect((await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'five' })).status).toBe(201);
    expect(await days({})).toEqual(['v2', 5]);
    expect(await days({ version: 1 })).toEqual(['v1', 7]);
    expect(await days({ version: 2 })).toEqual(['v2', 5]);

    // Publishing cleared the draft; a version that was never published is not there.
    expect((await evaluate(key, { facts: { age: 30 }, draft: true })).body.error.code).toBe('not_found');
    expect((await evaluate(key, { facts: { age: 30 }, version: 3 })).status).toBe(404);
  });

  it('a draft only, never published: the draft evaluates, the default finds no version', async () => {
    const key = uniqueKey('drafty');
    expect((await app.api('POST', '/api/rulesets', adultRules(key, 3))).status).toBe(201);
    expect((await evaluate(key, { facts: { age: 30 }, draft: true })).body).toMatchObject({ evaluated: 'draft', outcome: 'adult' });
    expect((await evaluate(key, { facts: { age: 30 } })).status).toBe(404);
  });

  it('the candidate is a version number or draft: true, never both nor a look-alike', async () => {
    const key = uniqueKey('cand');
    await publishRuleSet(app, adultRules(key));
    for (const body of [{ version: 1, draft: true }, { version: '1' }, { version: true }, { version: [1] }, { version: 0 }]) {
      const res = await evaluate(key, { facts: { age: 30 }, ...body });
      expect([body, res.status, res.body.error.problems[0].path]).toEqual([body, 422, 'body/version']);
    }
  });

  it('a stored definition the validator now refuses answers 422 with its problems, not 500', async () => {
    // As saved by an earlier release whose validator still allowed it: written to the store directly.
    const key = uniqueKey('legacy');
    await publishRuleSet(app, adultRules(key));
    const legacy = adultRules(key, 7, { rules: [{ conditions: { all: [{ fact: 'age', operator: 'regex', value: '^1' }] }, event: { type: 'x' } }] });
    const problem = { path: 'rules/0/conditions/all/0/operator', code: 'unknown_operator', message: expect.any(String) };

    await app.platform.services.rulesets.saveDraft(key, legacy, legacy.name, 'legacy');
    for (const [path, body] of [
      ['evaluate', { facts: { age: 30 }, draft: true }],
      ['simulate', { draft: true }],
      ['publish', { comment: 'x' }],
    ] as const) {
      const res = await app.api('POST', `/api/rulesets/${key}/${path}`, body);
      expect([path, res.status, res.body.error.code, res.body.error.problems]).toEqual([path, 422, 'invalid_ruleset', [problem]]);
    }

    await app.platform.services.rulesets.publishDraft(key, 'legacy', 'legacy', () => legacy);
    const latest = await evaluate(key, { facts: { age: 30 } });
    expect(latest).toMatchObject({ status: 422, body: { error: { code: 'invalid_ruleset', problems: [problem] } } });
    expect((await evaluate(key, { facts: { age: 30 }, version: 1 })).body.outcome).toBe('adult');
  });
});

describe('decision tables', () => {
  it('hit policy first: concurrent requests on the one cached engine each get their own first match', async () => {
    const key = uniqueKey('table');
    const def: TableRuleSet = {
      key,
      name: { zh: '表', en: 'Table' },
      kind: 'table',
      facts: { age: { type: 'number' }, code: { type: 'string' } },
      table: {
        hitPolicy: 'first',
        columns: [{ fact: 'age', operator: 'greaterThan' }, { fact: 'code', operator: 'equal' }],
        rows: [
          { id: 'senior', cells: [60, null], outcome: 'senior', params: { days: 14 } },
          { id: 'red', cells: [null, 'red'], outcome: 'red', params: { days: 7 } },
          { id: 'other', cells: [null, null], outcome: 'other' },
        ],
      },
    };
    expect((await app.api('POST', '/api/rulesets', def)).status).toBe(201);
    expect((await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'table' })).status).toBe(201);

    const people: [Record<string, unknown>, string][] = [
      [{ age: 70, code: 'red' }, 'senior'],
      [{ age: 30, code: 'red' }, 'red'],
      [{ age: 30, code: 'green' }, 'other'],
    ];
    const asked = Array.from({ length: 60 }, (_, i) => people[i % people.length]);
    const answers = await Promise.all(asked.map(([facts]) => evaluate(key, { facts })));
    expect(answers.map((a) => a.body.events.map((e: { type: string }) => e.type))).toEqual(asked.map(([, outcome]) => [outcome]));

    // The trace shows where the engine stopped: rows after the first match were not evaluated.
    const senior = answers[0].body.trace.map((t: { name: string; evaluated: boolean; passed: boolean }) => [t.name, t.evaluated, t.passed]);
    expect(senior).toEqual([
      ['senior', true, true],
      ['red', false, false],
      ['other', false, false],
    ]);
  });
});

describe('the seeded arrival classification', () => {
  const key = 'arrival-classification';
  const builtIn = builtInRuleSets.find((d) => d.key === key);
  const base = { originRisk: 'none', itineraryRisk: 'none', healthCode: 'green', testResult: 'negative', testAgeHours: 12, age: 35 };

  beforeAll(async () => {
    // Another test file's platform may be seeding the same database: wait for the published version.
    await eventually(async () => ((await app.api('GET', `/api/rulesets/${key}/versions/1`)).status === 200 ? true : undefined));
  });

  it('version 1 is the built-in definition, published by the seed', async () => {
    const v1 = await app.api('GET', `/api/rulesets/${key}/versions/1`);
    expect(v1.body).toMatchObject({ author: 'system', definition: builtIn });
  });

  it('missing facts: 422 naming every one without a default', async () => {
    const none = await evaluate(key, { facts: {}, version: 1 });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('missing_facts');
    // testAgeHours declares a default, so it is never missing.
    expect(none.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(
      ['facts/age', 'facts/healthCode', 'facts/itineraryRisk', 'facts/originRisk', 'facts/testResult'],
    );
    expect(none.body.error.problems[0]).toEqual({ path: expect.any(String), code: 'missing_fact', message: expect.stringContaining('is required') });

    const some = await evaluate(key, { facts: { age: 40, healthCode: 'green', originRisk: null }, version: 1 });
    expect(some.body.error.message).toMatch(/^missing facts: /);
    expect(some.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['facts/itineraryRisk', 'facts/testResult']);
  });

  // Each case: what differs from the base person, the events fired (highest priority first), the outcome's params.
  const C = 'centralized-quarantine';
  const H = 'home-quarantine';
  const A = 'arrival-tests';
  const cases: [string, Record<string, unknown>, string[], Record<string, unknown>][] = [
    ['no risk, green code, negative test 12 h old', {}, ['release'], {}],
    ['test exactly 48 hours old', { testAgeHours: 48 }, ['release'], {}],
    ['test 49 hours old', { testAgeHours: 49 }, [A], { days: 3, testDays: [1, 3] }],
    ['negative test of unknown age (default 9999 h)', { testAgeHours: undefined }, [A], { days: 3 }],
    ['no test report', { testResult: 'none' }, [A], { testDays: [1, 3] }],
    ['yellow code', { healthCode: 'yellow' }, [A], { observationDuration: 'P3D' }],
    ['red code', { healthCode: 'red' }, [A], { days: 3 }],
    ['low-risk origin', { originRisk: 'low' }, [A], { days: 3 }],
    ['low-risk itinerary', { itineraryRisk: 'low' }, [A], { days: 3 }],
    ['medium-risk origin', { originRisk: 'medium' }, [H], { days: 7, testDays: [1, 4, 7], quarantineDuration: 'P7D' }],
    ['medium-risk itinerary, red code', { itineraryRisk: 'medium', healthCode: 'red' }, [H, A], { days: 7 }],
    ['high-risk origin', { originRisk: 'high' }, [C], { days: 7, testDays: [1, 2, 3, 5, 7], quarantineDuration: 'P7D' }],
    ['high-risk itinerary', { itineraryRisk: 'high' }, [C], { days: 7 }],
    ['high-risk origin, yellow code', { originRisk: 'high', healthCode: 'yellow' }, [C, A], { days: 7 }],
    ['high-risk itinerary from a low-risk origin', { originRisk: 'low', itineraryRisk: 'high' }, [C, A], { days: 7 }],
    ['high-risk itinerary from a medium-risk origin', { originRisk: 'medium', itineraryRisk: 'high' }, [C, H], { days: 7 }],
    ['high-risk origin, aged 13', { originRisk: 'high', age: 13 }, [H], { days: 7, testDays: [1, 2, 3, 5, 7] }],
    ['high-risk origin, aged 14', { originRisk: 'high', age: 14 }, [C], { days: 7 }],
    ['high-risk origin, aged 69', { originRisk: 'high', age: 69 }, [C], { days: 7 }],
    ['high-risk origin, aged 70', { originRisk: 'high', age: 70 }, [H], { days: 7 }],
    ['positive test', { testResult: 'positive' }, ['hospital-transfer', A], { investigation: true }],
    ['positive test from a high-risk area', { originRisk: 'high', testResult: 'positive' }, ['hospital-transfer', C, A], { investigation: true }],
  ];

  it.each(cases)('%s → %j', async (_name, change, events, params) => {
    const res = await evaluate(key, { facts: { ...base, ...change }, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(events);
    expect(res.body.outcome).toBe(events[0]);
    expect(res.body.events[0].params).toEqual(expect.objectContaining(params));
    // The trace agrees: every rule looked at, and exactly the rules that fired passed.
    const trace = res.body.trace as { event: string; evaluated: boolean; passed: boolean }[];
    expect(trace).toHaveLength(builtIn?.kind === 'rules' ? builtIn.rules.length : -1);
    expect(trace.every((t) => t.evaluated)).toBe(true);
    expect(trace.filter((t) => t.passed).map((t) => t.event).sort()).toEqual([...events].sort());
  });

  it('the trace says why a person from a high-risk itinerary goes to centralized quarantine', async () => {
    const res = await evaluate(key, { facts: { ...base, itineraryRisk: 'high' }, version: 1 });
    const rule = res.body.trace.find((t: { event: string }) => t.event === C);
    expect(rule).toEqual({
      name: 'high-risk area: centralized quarantine',
      priority: 90,
      event: C,
      evaluated: true,
      passed: true,
      // Named conditions appear expanded: highRisk at all/0, not specialGroup at all/1.
      conditions: [
        { at: 'all/0/any/0', fact: 'originRisk', operator: 'equal', value: 'high', factValue: 'none', result: false },
        { at: 'all/0/any/1', fact: 'itineraryRisk', operator: 'equal', value: 'high', factValue: 'high', result: true },
        { at: 'all/1/not/any/0', fact: 'age', operator: 'lessThan', value: 14, factValue: 35, result: false },
        { at: 'all/1/not/any/1', fact: 'age', operator: 'greaterThanInclusive', value: 70, factValue: 35, result: false },
      ],
    });
    const release = res.body.trace.find((t: { event: string }) => t.event === 'release');
    expect(release).toMatchObject({ passed: false, priority: 10 });
    expect(release.conditions).toContainEqual(expect.objectContaining({ fact: 'itineraryRisk', value: 'none', factValue: 'high', result: false }));
  });
});
