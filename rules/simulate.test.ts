import fc from 'fast-check';
import { builtInRuleSets } from '../domain/library/rulesets';
import { compileRuleSet, evaluateRuleSet } from './engine';
import { simulate, type RecordedDecision } from './simulate';
import type { RulesRuleSet } from './ruleset-schema';

const current = builtInRuleSets.find((d): d is RulesRuleSet => d.key === 'arrival-classification' && d.kind === 'rules');
if (!current) throw new Error('arrival-classification missing');

/** A candidate made by editing a copy of the published rule set. */
const candidate = (edit: (def: RulesRuleSet) => void) => {
  const def = structuredClone(current);
  edit(def);
  return compileRuleSet(def);
};
const ruleFor = (def: RulesRuleSet, type: string) => {
  const rule = def.rules.find((r) => r.event.type === type);
  if (!rule) throw new Error(`no rule for ${type}`);
  return rule;
};

const risk = fc.constantFrom('high', 'medium', 'low', 'none');
const arrivals = fc.sample(
  fc.record({
    originRisk: risk,
    itineraryRisk: risk,
    healthCode: fc.constantFrom('green', 'yellow', 'red'),
    testResult: fc.constantFrom('negative', 'negative', 'negative', 'positive', 'none'),
    testAgeHours: fc.integer({ min: 0, max: 96 }),
    age: fc.integer({ min: 0, max: 95 }),
  }),
  { seed: 20210909, numRuns: 300 },
);

/** Decisions as recorded under the published version. */
let records: RecordedDecision[];
beforeAll(async () => {
  const published = compileRuleSet(current);
  records = await Promise.all(
    arrivals.map(async (facts, i) => {
      const e = await evaluateRuleSet(published, facts);
      return { id: `case-${i}`, facts, outcome: e.outcome, params: e.events[0]?.params };
    }),
  );
});
const count = (outcome: string) => records.filter((r) => r.outcome === outcome).length;

describe('simulate', () => {
  it('the published version itself changes nothing', async () => {
    const result = await simulate(records, compileRuleSet(current));
    expect(result).toEqual({ total: 300, changed: 0, paramsChanged: 0, transitions: [], matrix: expect.any(Object), errors: 0, errorExamples: [] });
    // Every decision sits on the matrix's diagonal: each outcome and each param value to itself.
    const cells = [...result.matrix.outcomes, ...Object.values(result.matrix.params).flat()];
    expect(cells.filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to))).toEqual([]);
    expect(result.matrix.outcomes.reduce((n, c) => n + c.count, 0)).toBe(300);
    expect(result.matrix.outcomes.map((c) => [c.from, c.count])).toEqual(
      [...new Set(records.map((r) => r.outcome))].map((o) => [o, count(o!)]).sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
  });

  it('home quarantine 7 → 5 days: a params change for every home-quarantine case', async () => {
    // Every rule that gives home quarantine (medium-risk areas; children and the elderly from high-risk ones).
    const shorter = candidate((def) => {
      for (const rule of def.rules.filter((r) => r.event.type === 'home-quarantine')) Object.assign(rule.event.params ?? {}, { days: 5, quarantineDuration: 'P5D' });
    });
    const result = await simulate(records, shorter);
    const home = count('home-quarantine');
    expect(home).toBeGreaterThan(10);
    expect(result).toMatchObject({ total: 300, changed: home, paramsChanged: home, errors: 0 });
    expect(result.transitions).toEqual([
      {
        from: 'home-quarantine',
        to: 'home-quarantine',
        count: home,
        examples: expect.any(Array),
        paramChanges: { days: { from: 7, to: 5 }, quarantineDuration: { from: 'P7D', to: 'P5D' } },
      },
    ]);
    expect(result.transitions[0].examples).toHaveLength(5);
    // The matrix counts the change by value: every home-quarantine decision's days 7 → 5, the others' days as they were.
    expect(result.matrix.params.days).toContainEqual({ from: 7, to: 5, count: home });
    expect(result.matrix.params.days.filter((c) => c.from !== c.to)).toEqual([{ from: 7, to: 5, count: home }]);
    for (const id of result.transitions[0].examples) expect(records.find((r) => r.id === id)?.outcome).toBe('home-quarantine');
  });

  it('no exception for children and the elderly: those cases move from home to centralized quarantine', async () => {
    const strict = candidate((def) => {
      ruleFor(def, 'centralized-quarantine').conditions = { all: [{ condition: 'highRisk' }] };
    });
    const moved = records.filter(
      (r) =>
        r.outcome === 'home-quarantine' &&
        (r.facts.originRisk === 'high' || r.facts.itineraryRisk === 'high') &&
        ((r.facts.age as number) < 14 || (r.facts.age as number) >= 70),
    );
    const result = await simulate(records, strict);
    expect(moved.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ changed: moved.length, paramsChanged: 0 });
    expect(result.transitions).toEqual([
      { from: 'home-quarantine', to: 'centralized-quarantine', count: moved.length, examples: moved.slice(0, 5).map((r) => r.id) },
    ]);
  });

  it('counts decisions the candidate cannot evaluate as errors, with examples', async () => {
    const needsMore = candidate((def) => {
      def.facts.vaccinated = { type: 'boolean' };
      ruleFor(def, 'release').conditions = { all: [{ fact: 'vaccinated', operator: 'equal', value: true }] };
    });
    const result = await simulate(records, needsMore);
    expect(result).toMatchObject({ total: 300, changed: 0, errors: 300 });
    expect(result.errorExamples).toHaveLength(5);
    expect(result.errorExamples[0].message).toContain('vaccinated');
  });

  it('params order does not count as a change', async () => {
    const reordered = records.map((r) => ({ ...r, params: r.params && Object.fromEntries(Object.entries(r.params).reverse()) }));
    expect((await simulate(reordered, compileRuleSet(current))).changed).toBe(0);
  });
});
