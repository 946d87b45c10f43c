import { builtInRuleSets } from '../domain/library/rulesets';
import { derivedValue, durationSeconds, paramTypeMismatch, paramTypeProblems, withDerived } from './param-types';
import { validateRuleSet } from './ruleset-validate';
import type { EventParams, ParamDeclaration, RuleSet } from './ruleset-schema';

const label = { zh: '标签', en: 'Label' };
const types: Record<string, ParamDeclaration> = {
  days: { type: 'integer', min: 0, label },
  quarantineDuration: { type: 'duration', label, derive: { from: 'days', unit: 'days' } },
  resultHours: { type: 'integer', min: 0, label },
  resultDeadline: { type: 'duration', label, derive: { from: 'resultHours', unit: 'hours' } },
  testDays: { type: 'dayList', label },
  escalateTo: { type: 'list', label, enum: ['district-office', 'headquarters'] },
  site: { type: 'string', label, enum: ['hotel', 'home'] },
  investigation: { type: 'boolean', label },
};

const ruleSet = (...params: EventParams[]): RuleSet => ({
  key: 'typed-params',
  name: { zh: 'k', en: 'k' },
  kind: 'rules',
  facts: { n: { type: 'number' } },
  paramFacts: ['n'],
  paramTypes: types,
  rules: params.map((p) => ({ conditions: { all: [{ fact: 'n', operator: 'equal', value: 1 }] }, event: { type: 'x', params: p } })),
});

describe('a literal against its declared type', () => {
  it.each([
    ['days', 7, undefined],
    ['days', 7.5, 'is not a whole number'],
    ['days', -1, 'is below 0'],
    ['days', '7', 'is not a number'],
    ['quarantineDuration', 'P7D', undefined],
    ['quarantineDuration', 'PT12H', undefined],
    ['quarantineDuration', '7 days', 'is not an ISO 8601 duration such as P7D or PT12H'],
    ['quarantineDuration', 'PT', 'is not an ISO 8601 duration such as P7D or PT12H'],
    ['testDays', [1, 4, 7], undefined],
    ['testDays', [1, 7, 4], 'lists its days out of order or twice'],
    ['testDays', [0, 3], 'is not a list of day numbers (1 or more)'],
    ['escalateTo', ['district-office'], undefined],
    ['escalateTo', ['district-office', 'supervising-commission'], 'holds a value that is not one of district-office, headquarters'],
    ['site', 'hotel', undefined],
    ['site', 'tent', 'is not one of hotel, home'],
    ['investigation', 'yes', 'is not yes or no (true/false)'],
  ])('%s = %j: %s', (name, value, expected) => {
    expect(paramTypeMismatch(types[name], value)).toBe(expected);
  });
});

describe('a duration derived from the one number', () => {
  it('is computed from its source in days or hours, and only from a whole number', () => {
    expect(derivedValue(types.quarantineDuration, { days: 5 })).toBe('P5D');
    expect(derivedValue(types.resultDeadline, { resultHours: 12 })).toBe('PT12H');
    expect(derivedValue(types.quarantineDuration, { days: { fact: 'n' } })).toBeUndefined();
    expect(derivedValue(types.quarantineDuration, {})).toBeUndefined();
  });

  it('follows its source when the administrator changes it; a derived param the outcome lacks is not added', () => {
    expect(withDerived({ days: 5, quarantineDuration: 'P7D', testDays: [1, 4, 7] }, types)).toEqual({ days: 5, quarantineDuration: 'P5D', testDays: [1, 4, 7] });
    expect(withDerived({ resultHours: 6, resultDeadline: 'PT12H' }, types)).toEqual({ resultHours: 6, resultDeadline: 'PT6H' });
    expect(withDerived({ days: 3 }, types)).toEqual({ days: 3 });
    // The same length written otherwise (weeks for 7 days) is kept as written.
    const weeks = { days: 14, quarantineDuration: 'P2W' };
    expect(withDerived(weeks, types)).toBe(weeks);
  });

  it('reads durations of weeks, days, hours, minutes and seconds; months and years have no fixed length', () => {
    expect(durationSeconds('P1W')).toBe(7 * 86_400);
    expect(durationSeconds('P1DT2H30M')).toBe(86_400 + 2 * 3_600 + 30 * 60);
    expect(durationSeconds('P1M')).toBeUndefined();
    expect(durationSeconds('P')).toBeUndefined();
  });
});

describe('the problems a rule set with typed params can have', () => {
  it('home quarantine typed 5 days while its duration still says 7: refused at the duration, naming what it should be', () => {
    expect(paramTypeProblems(ruleSet({ days: 7, quarantineDuration: 'P7D' }, { days: 5, quarantineDuration: 'P7D' }))).toEqual([
      { path: 'rules/1/event/params/quarantineDuration', code: 'derived_param', message: 'quarantineDuration P7D does not match days = 5 (days): it should be P5D' },
    ]);
  });

  it('a literal of the wrong type is refused; fact references and undeclared params are left alone', () => {
    expect(paramTypeProblems(ruleSet({ days: '7', site: { fact: 'n' }, note: 42 }))).toEqual([
      { path: 'rules/0/event/params/days', code: 'param_type', message: 'days "7" is not a number' },
    ]);
  });

  it('a derivation from a param that is not declared, or not a number, is refused at the declaration', () => {
    const def = ruleSet({ days: 7 });
    def.paramTypes = { ...types, stay: { type: 'duration', label, derive: { from: 'nights', unit: 'days' } }, wait: { type: 'duration', label, derive: { from: 'site', unit: 'hours' } } };
    expect(paramTypeProblems(def).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "paramTypes/stay/derive/from: derives from 'nights', which is not declared",
      "paramTypes/wait/derive/from: derives from 'site', a string, not a number",
    ]);
  });

  it('a table row is checked at its own path, through the validator a save runs', () => {
    const table: RuleSet = {
      key: 'typed-table',
      name: { zh: 't', en: 't' },
      kind: 'table',
      facts: { n: { type: 'number' } },
      paramTypes: types,
      table: { hitPolicy: 'first', columns: [{ fact: 'n', operator: 'equal' }], rows: [{ cells: [1], outcome: 'x', params: { resultHours: 6, resultDeadline: 'PT12H' } }] },
    };
    expect(validateRuleSet(table)).toEqual([expect.objectContaining({ path: 'table/rows/0/params/resultDeadline', code: 'derived_param' })]);
  });

  it('declarations the schema refuses: bounds on text, an enum on a number, a derived param that is not a duration', () => {
    const def = { ...ruleSet({}), paramTypes: { a: { type: 'string', label, min: 1 }, b: { type: 'integer', label, enum: ['x'] }, c: { type: 'integer', label, derive: { from: 'a', unit: 'days' } } } };
    expect(validateRuleSet(def).map((p) => `${p.code} ${p.path}`)).toEqual(['invalid_schema paramTypes/a/min', 'invalid_schema paramTypes/b/enum', 'invalid_schema paramTypes/c/derive']);
  });

  it('every built-in rule set declares every param it uses, each with zh and en labels, and agrees with its declarations', () => {
    for (const def of builtInRuleSets) {
      const used = (def.kind === 'rules' ? def.rules.map((r) => r.event.params) : def.table.rows.map((r) => r.params)).flatMap((p) => Object.keys(p ?? {}));
      expect({ key: def.key, undeclared: used.filter((name) => !def.paramTypes?.[name]) }).toEqual({ key: def.key, undeclared: [] });
      expect({ key: def.key, problems: paramTypeProblems(def) }).toEqual({ key: def.key, problems: [] });
    }
  });
});
