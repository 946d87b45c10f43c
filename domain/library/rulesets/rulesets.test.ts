import fc from 'fast-check';
import { compileRuleSet, evaluateRuleSet, type CompiledRuleSet } from '../../../rules/engine';
import { validateRuleSet } from '../../../rules/ruleset-validate';
import { ruleSetWarnings } from '../../../rules/table-analysis';
import { builtInRuleSets } from './index';

const compiled = (key: string): CompiledRuleSet => {
  const def = builtInRuleSets.find((d) => d.key === key);
  if (!def) throw new Error(`no built-in rule set ${key}`);
  return compileRuleSet(def);
};

const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

describe('built-in rule sets', () => {
  it.each(builtInRuleSets.map((d) => [d.key, d] as const))('%s is valid', (_key, def) => {
    expect(validateRuleSet(def)).toEqual([]);
  });

  it.each(builtInRuleSets.map((d) => [d.key, d] as const))('%s has no table warnings (no unreachable row, no gap)', (_key, def) => {
    expect(ruleSetWarnings(def)).toEqual([]);
  });

  it.each(builtInRuleSets.map((d) => [d.key, d] as const))('%s labels every fact, rule or row and enum value in zh and en', (_key, def) => {
    const han = { zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.stringMatching(/\S/) };
    const rules = def.kind === 'rules' ? def.rules : def.table.rows;
    for (const [i, rule] of rules.entries()) expect([i, rule.label]).toEqual([i, han]);
    for (const [name, fact] of Object.entries(def.facts)) {
      expect([name, fact.label]).toEqual([name, han]);
      for (const value of fact.enum ?? []) expect([name, value, fact.enumLabels?.[String(value)]]).toEqual([name, value, han]);
    }
  });

  it('ship the rule sets of docs/domain.md', () => {
    expect(builtInRuleSets.map((d) => d.key).sort()).toEqual([
      'arrival-classification',
      'cold-chain-release',
      'fever-clinic-report',
      'key-group-test-frequency',
      'pharmacy-registration-compliance',
      'pharmacy-sentinel-deadline',
      'quarantine-test-schedule',
      'risk-areas',
      'school-health-check',
      'venue-inspection-compliance',
      'venue-supervising-department',
      'verification-138-deadlines',
    ]);
  });

  it('give every duration a process uses also as an ISO-8601 string', () => {
    const params = builtInRuleSets.flatMap((d) =>
      d.kind === 'rules' ? d.rules.map((r) => r.event.params ?? {}) : d.table.rows.map((r) => r.params ?? {}),
    );
    const isoValues = params.flatMap((p) => Object.entries(p).filter(([k]) => /(Duration|Deadline)$|^(deadline|interval|overdue|reminder|recheck)$/.test(k)));
    expect(isoValues.length).toBeGreaterThan(10);
    for (const [key, value] of isoValues) expect([key, value]).toEqual([key, expect.stringMatching(ISO_DURATION)]);
  });
});

describe('arrival-classification', () => {
  const arrival = compiled('arrival-classification');
  const base = { originRisk: 'none', itineraryRisk: 'none', healthCode: 'green', testResult: 'negative', testAgeHours: 12, age: 35 };

  it.each([
    ['high-risk origin', { originRisk: 'high' }, 'centralized-quarantine', { days: 7, testDays: [1, 2, 3, 5, 7], quarantineDuration: 'P7D' }],
    ['high-risk place on the itinerary', { itineraryRisk: 'high' }, 'centralized-quarantine', { days: 7, testDays: [1, 2, 3, 5, 7] }],
    ['high-risk origin, child', { originRisk: 'high', age: 8 }, 'home-quarantine', { days: 7, testDays: [1, 2, 3, 5, 7] }],
    ['high-risk origin, aged 70', { originRisk: 'high', age: 70 }, 'home-quarantine', { days: 7, testDays: [1, 2, 3, 5, 7] }],
    ['medium-risk origin', { originRisk: 'medium' }, 'home-quarantine', { days: 7, testDays: [1, 4, 7], quarantineDuration: 'P7D' }],
    ['medium-risk itinerary, red code', { itineraryRisk: 'medium', healthCode: 'red' }, 'home-quarantine', { days: 7, testDays: [1, 4, 7] }],
    ['low-risk origin', { originRisk: 'low' }, 'arrival-tests', { days: 3, testDays: [1, 3] }],
    ['yellow code', { healthCode: 'yellow' }, 'arrival-tests', { days: 3 }],
    ['red code', { healthCode: 'red' }, 'arrival-tests', { days: 3 }],
    ['test older than 48 hours', { testAgeHours: 72 }, 'arrival-tests', { testDays: [1, 3] }],
    ['no test report', { testResult: 'none', testAgeHours: undefined }, 'arrival-tests', { testDays: [1, 3] }],
    ['no risk, green, recent negative', {}, 'release', {}],
    ['no risk, test exactly 48 hours old', { testAgeHours: 48 }, 'release', {}],
    ['positive test', { testResult: 'positive' }, 'hospital-transfer', { investigation: true }],
    ['positive test from a high-risk area', { originRisk: 'high', testResult: 'positive' }, 'hospital-transfer', {}],
  ])('%s → %s', async (_case, change, outcome, params) => {
    const evaluation = await evaluateRuleSet(arrival, { ...base, ...change });
    expect(evaluation.outcome).toBe(outcome);
    expect(evaluation.events[0].params).toMatchObject(params);
    // The trace explains it: a rule giving the outcome passed, and every rule was looked at.
    expect(evaluation.trace.some((t) => t.event === outcome && t.passed)).toBe(true);
    expect(evaluation.trace.every((t) => t.evaluated)).toBe(true);
  });

  it('the trace says why: the fact values behind a centralized quarantine', async () => {
    const { trace } = await evaluateRuleSet(arrival, { ...base, itineraryRisk: 'high' });
    const rule = trace.find((t) => t.event === 'centralized-quarantine');
    expect(rule?.conditions).toContainEqual({
      at: 'all/0/any/1',
      fact: 'itineraryRisk',
      operator: 'equal',
      value: 'high',
      factValue: 'high',
      result: true,
    });
  });

  it('classifies every possible arrival', async () => {
    const risk = fc.constantFrom('high', 'medium', 'low', 'none');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          originRisk: risk,
          itineraryRisk: risk,
          healthCode: fc.constantFrom('green', 'yellow', 'red'),
          testResult: fc.constantFrom('negative', 'positive', 'none'),
          testAgeHours: fc.integer({ min: 0, max: 500 }),
          age: fc.integer({ min: 0, max: 110 }),
        }),
        async (facts) => {
          const { outcome } = await evaluateRuleSet(arrival, facts);
          expect(['hospital-transfer', 'centralized-quarantine', 'home-quarantine', 'arrival-tests', 'release']).toContain(outcome);
          if (facts.testResult === 'positive') expect(outcome).toBe('hospital-transfer');
        },
      ),
    );
  });

  it('names the missing facts', async () => {
    await expect(evaluateRuleSet(arrival, { originRisk: 'high' })).rejects.toMatchObject({
      code: 'missing_facts',
      facts: expect.arrayContaining(['itineraryRisk', 'healthCode', 'testResult', 'age']),
    });
  });
});

describe('the other built-in rule sets', () => {
  it('quarantine-test-schedule: test days, final test, escalation', async () => {
    const schedule = compiled('quarantine-test-schedule');
    const at = (facts: Record<string, unknown>) => evaluateRuleSet(schedule, { days: 7, testDays: [1, 4, 7], ...facts });
    const day4 = await at({ day: 4 });
    expect(day4.outcome).toBe('test-due');
    expect(day4.events[0].params).toMatchObject({ day: 4, resultDeadline: 'PT24H' });
    expect((await at({ day: 5 })).outcome).toBe('no-test');
    const day7 = await at({ day: 7 });
    expect(day7.outcome).toBe('final-test');
    expect(day7.events[0].params).toEqual({ day: 7, resultHours: 24, resultDeadline: 'PT24H' });
    const missed = await at({ day: 5, missedTests: 1 });
    expect(missed.outcome).toBe('escalate');
    expect(missed.events[0].params).toEqual({ escalateTo: 'district-office' });
  });

  it('key-group-test-frequency: first matching row, stricter under an elevated alert', async () => {
    const frequency = compiled('key-group-test-frequency');
    expect(builtInRuleSets.find((d) => d.key === 'key-group-test-frequency')?.kind).toBe('table');
    const hours = async (group: string, alertLevel?: string) => {
      const evaluation = await evaluateRuleSet(frequency, alertLevel ? { group, alertLevel } : { group });
      return evaluation.outcome === 'test-every' ? evaluation.events[0].params.intervalHours : evaluation.outcome;
    };
    expect(await hours('port-worker')).toBe(24);
    expect(await hours('medical-staff')).toBe(48);
    expect(await hours('medical-staff', 'elevated')).toBe(24);
    expect(await hours('delivery-rider')).toBe(72);
    expect(await hours('delivery-rider', 'elevated')).toBe(48);
    expect(await hours('school-staff')).toBe(168);
    // Not a key group: no row decides, and the process ends the case there.
    expect(await hours('tourist')).toBeNull();
  });

  it('key-group-test-frequency lists at least 12 categories', () => {
    const def = builtInRuleSets.find((d) => d.key === 'key-group-test-frequency');
    const groups = new Set(def?.kind === 'table' ? def.table.rows.flatMap((r) => (Array.isArray(r.cells[0]) ? r.cells[0] : [])) : []);
    expect(groups.size).toBeGreaterThanOrEqual(12);
  });

  it('pharmacy-sentinel-deadline: 48 hours, 24 with fever, none for a drug outside the four classes', async () => {
    const sentinel = compiled('pharmacy-sentinel-deadline');
    expect((await evaluateRuleSet(sentinel, { drugClass: 'cough' })).events[0].params).toMatchObject({ deadlineHours: 48, deadline: 'PT48H' });
    expect((await evaluateRuleSet(sentinel, { drugClass: 'antiviral', buyerHasFever: true })).events[0].params).toMatchObject({ deadlineHours: 24 });
    expect((await evaluateRuleSet(sentinel, { drugClass: 'other' })).outcome).toBeNull();
  });

  it('verification-138-deadlines: 1 h, 3 h, 8 h, and the headquarters an hour after each', async () => {
    const { events } = await evaluateRuleSet(compiled('verification-138-deadlines'), {});
    expect(events[0].params).toMatchObject({ pushHours: 1, verifyHours: 3, controlHours: 8, pushDeadline: 'PT1H', verifyDeadline: 'PT3H', controlDeadline: 'PT8H' });
    expect(events[0].params).toMatchObject({ pushCommissionDeadline: 'PT2H', verifyCommissionDeadline: 'PT4H', controlCommissionDeadline: 'PT9H' });
  });

  it.each([
    [{ testResult: 'negative', disinfected: true }, 'release'],
    [{ testResult: 'positive', disinfected: true }, 'seal-and-destroy'],
    [{ testResult: 'positive', disinfected: false }, 'seal-and-destroy'],
    [{ testResult: 'negative', disinfected: false }, 'hold'],
    [{ testResult: 'pending', disinfected: true }, 'hold'],
  ])('cold-chain-release %j → %s', async (facts, outcome) => {
    expect((await evaluateRuleSet(compiled('cold-chain-release'), facts)).outcome).toBe(outcome);
  });
});
