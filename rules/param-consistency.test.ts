import { builtInRuleSets } from '../domain/library/rulesets';
import { followDays, paramConsistencyWarnings } from './param-consistency';
import type { EventParams, RuleSet } from './ruleset-schema';

const rules = (...params: EventParams[]): RuleSet => ({
  key: 'k',
  name: { zh: 'k', en: 'k' },
  kind: 'rules',
  facts: { n: { type: 'number' } },
  rules: params.map((p) => ({ conditions: { all: [{ fact: 'n', operator: 'equal', value: 1 }] }, event: { type: 'x', params: p } })),
});

describe('params that say one number twice', () => {
  it('home quarantine 7 → 5 days with the duration and test days left at 7: both flagged, at their paths', () => {
    expect(paramConsistencyWarnings(rules({ days: 7, quarantineDuration: 'P7D', testDays: [1, 4, 7] }, { days: 5, quarantineDuration: 'P7D', testDays: [1, 4, 7] }))).toEqual([
      { path: 'rules/1/event/params/quarantineDuration', code: 'inconsistent_params', message: 'quarantineDuration P7D is 7 days, but days is 5' },
      { path: 'rules/1/event/params/testDays', code: 'inconsistent_params', message: 'testDays has day 7 outside day 1 to 5 (days is 5)' },
    ]);
  });

  it('weeks count as 7 days; a day 0 is outside; fact references, non-day strings and params without days are left alone', () => {
    expect(paramConsistencyWarnings(rules({ days: 14, quarantineDuration: 'P2W', testDays: [1, 7, 14] }))).toEqual([]);
    expect(paramConsistencyWarnings(rules({ days: 3, testDays: [0, 3] })).map((w) => w.message)).toEqual(['testDays has day 0 outside day 1 to 3 (days is 3)']);
    expect(paramConsistencyWarnings(rules({ days: 3, quarantineDuration: { fact: 'n' }, note: 'P7D is the old rule', period: 'PT12H' }))).toEqual([]);
    expect(paramConsistencyWarnings(rules({ quarantineDuration: 'P7D', testDays: [1, 9] }))).toEqual([]);
  });

  it('table rows are checked at their own paths', () => {
    const table: RuleSet = {
      key: 't',
      name: { zh: 't', en: 't' },
      kind: 'table',
      facts: { n: { type: 'number' } },
      table: { hitPolicy: 'first', columns: [{ fact: 'n', operator: 'equal' }], rows: [{ cells: [1], outcome: 'x', params: { days: 5, observationDuration: 'P3D' } }] },
    };
    expect(paramConsistencyWarnings(table).map((w) => w.path)).toEqual(['table/rows/0/params/observationDuration']);
  });

  it('the built-in rule sets are consistent', () => {
    expect(builtInRuleSets.flatMap((def) => paramConsistencyWarnings(def).map((w) => `${def.key} ${w.path}: ${w.message}`))).toEqual([]);
  });
});

describe('a length typed once', () => {
  it('days 7 → 5: the duration of 7 days follows, in days; other params and lists of days stay as written', () => {
    const params = { days: 7, quarantineDuration: 'P7D', monitoring: 'P14D', testDays: [1, 4, 7], site: 'hotel' };
    expect(followDays({ ...params, days: 5 }, 7, 5)).toEqual({ days: 5, quarantineDuration: 'P5D', monitoring: 'P14D', testDays: [1, 4, 7], site: 'hotel' });
    // The list the plan gave is not guessed at: it is flagged instead.
    const home = { days: 5, quarantineDuration: 'P7D', testDays: [1, 4, 7] };
    expect(paramConsistencyWarnings(rules(followDays(home, 7, 5))).map((w) => w.path)).toEqual(['rules/0/event/params/testDays']);
  });

  it('a duration written in weeks stays in weeks when the new length is whole weeks', () => {
    expect(followDays({ days: 14, d: 'P1W' }, 7, 14)).toEqual({ days: 14, d: 'P2W' });
    expect(followDays({ days: 10, d: 'P1W' }, 7, 10)).toEqual({ days: 10, d: 'P10D' });
  });

  it('fact references and non-duration strings are left alone', () => {
    const ref = { fact: 'arrivedAt' };
    expect(followDays({ days: 5, from: ref, note: 'P7 days' }, 7, 5)).toEqual({ days: 5, from: ref, note: 'P7 days' });
  });
});
