import { compileTable } from './table-compile';
import { compileRuleSet, evaluateRuleSet, HitPolicyError } from './engine';
import { tableSet } from './test-support';
import type { DecisionTable, HitPolicy } from './ruleset-schema';

const table = (hitPolicy: HitPolicy): DecisionTable => ({
  hitPolicy,
  columns: [
    { fact: 'age', operator: 'greaterThanInclusive' },
    { fact: 'code', operator: 'in' },
  ],
  rows: [
    { id: 'red', cells: [null, ['red']], outcome: 'isolate', priority: 1 },
    { id: 'adult-yellow', cells: [18, ['yellow']], outcome: 'test', params: { hours: 24 }, priority: 5 },
    { id: 'adult', cells: [18, null], outcome: 'register', priority: 3 },
    { id: 'anyone', cells: [null, null], outcome: 'none', priority: 1 },
  ],
});

const outcomes = async (hitPolicy: HitPolicy, facts: Record<string, unknown>) => {
  const evaluation = await evaluateRuleSet(compileRuleSet(tableSet(table(hitPolicy))), facts);
  return { outcome: evaluation.outcome, events: evaluation.events.map((e) => e.type) };
};

describe('compileTable', () => {
  it('turns each row into a rule of its non-empty cells; a row of nulls is a catch-all', () => {
    const { rules } = compileTable(table('collect'));
    expect(rules[1]).toEqual({
      name: 'adult-yellow',
      priority: 5,
      conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }, { fact: 'code', operator: 'in', value: ['yellow'] }] },
      event: { type: 'test', params: { hours: 24 } },
    });
    expect(rules[3].conditions).toEqual({ all: [] });
  });

  it('first: row order decides, and evaluation stops at the first match', async () => {
    const { rules, stopAfterFirstMatch } = compileTable(table('first'));
    expect(rules.map((r) => r.priority)).toEqual([4, 3, 2, 1]);
    expect(stopAfterFirstMatch).toBe(true);
    expect(await outcomes('first', { age: 30, code: 'yellow' })).toEqual({ outcome: 'test', events: ['test'] });
    expect(await outcomes('first', { age: 30, code: 'red' })).toEqual({ outcome: 'isolate', events: ['isolate'] });
    expect(await outcomes('first', { age: 10, code: 'green' })).toEqual({ outcome: 'none', events: ['none'] });
    const evaluation = await evaluateRuleSet(compileRuleSet(tableSet(table('first'))), { age: 30, code: 'red' });
    expect(evaluation.trace.map((t) => [t.name, t.evaluated, t.passed])).toEqual([
      ['red', true, true],
      ['adult-yellow', false, false],
      ['adult', false, false],
      ['anyone', false, false],
    ]);
  });

  it('priority: the highest row priority among the matches wins, lower levels are not evaluated', async () => {
    expect(await outcomes('priority', { age: 30, code: 'yellow' })).toEqual({ outcome: 'test', events: ['test'] });
    expect(await outcomes('priority', { age: 30, code: 'red' })).toEqual({ outcome: 'register', events: ['register'] });
    // Equal priorities run together: both rows of priority 1 match, in row order.
    expect(await outcomes('priority', { age: 10, code: 'red' })).toEqual({ outcome: 'isolate', events: ['isolate', 'none'] });
  });

  it('collect: every matching row fires, by priority then row order', async () => {
    expect(compileTable(table('collect')).stopAfterFirstMatch).toBe(false);
    expect(await outcomes('collect', { age: 30, code: 'yellow' })).toEqual({ outcome: 'test', events: ['test', 'register', 'none'] });
    expect(await outcomes('collect', { age: 30, code: 'red' })).toEqual({ outcome: 'register', events: ['register', 'isolate', 'none'] });
  });

  it('unique: every row is evaluated and at most one may match; two matching is an error naming them', async () => {
    const { stopAfterFirstMatch, hitPolicy } = compileTable(table('unique'));
    expect([stopAfterFirstMatch, hitPolicy]).toEqual([false, 'unique']);
    // A column with a path is beyond the table analysis, which would refuse these rows as overlapping at save.
    const compiled = compileRuleSet(
      tableSet({
        hitPolicy: 'unique',
        columns: [{ fact: 'person', path: 'age', operator: 'lessThan' }, { fact: 'code', operator: 'equal' }],
        rows: [
          { id: 'minor', cells: [18, null], outcome: 'guardian' },
          { id: 'red', cells: [null, 'red'], outcome: 'isolate' },
        ],
      }),
    );
    const adultRed = await evaluateRuleSet(compiled, { person: { age: 30 }, code: 'red' });
    expect(adultRed.events).toEqual([{ type: 'isolate', params: {} }]);
    expect(adultRed.trace.map((t) => [t.name, t.evaluated, t.passed])).toEqual([
      ['minor', true, false],
      ['red', true, true],
    ]);
    expect((await evaluateRuleSet(compiled, { person: { age: 30 }, code: 'green' })).outcome).toBeNull();
    const error = await evaluateRuleSet(compiled, { person: { age: 10 }, code: 'red' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HitPolicyError);
    expect(error).toMatchObject({ code: 'hit_policy_violation', hitPolicy: 'unique', rows: ['minor', 'red'] });
  });

  it('any: rows may match together only with the same outcome and params (key order aside); one event answers', async () => {
    const compiled = compileRuleSet(
      tableSet({
        hitPolicy: 'any',
        columns: [{ fact: 'person', path: 'age', operator: 'lessThan' }, { fact: 'code', operator: 'equal' }],
        rows: [
          { id: 'minor', cells: [18, null], outcome: 'isolate', params: { days: 7, site: 'home' } },
          { id: 'red', cells: [null, 'red'], outcome: 'isolate', params: { site: 'home', days: 7 } },
          { id: 'yellow', cells: [null, 'yellow'], outcome: 'isolate', params: { days: 3 } },
        ],
      }),
    );
    const both = await evaluateRuleSet(compiled, { person: { age: 10 }, code: 'red' });
    expect(both.events).toEqual([{ type: 'isolate', params: { days: 7, site: 'home' } }]);
    expect(both.trace.filter((t) => t.passed).map((t) => t.name)).toEqual(['minor', 'red']);
    await expect(evaluateRuleSet(compiled, { person: { age: 10 }, code: 'yellow' })).rejects.toMatchObject({ hitPolicy: 'any', rows: ['minor', 'yellow'] });
    expect((await evaluateRuleSet(compiled, { person: { age: 30 }, code: 'yellow' })).events).toEqual([{ type: 'isolate', params: { days: 3 } }]);
  });

  it('reads a column path from an object fact', async () => {
    const def = tableSet({
      hitPolicy: 'first',
      columns: [{ fact: 'person', operator: 'equal', path: 'address.city' }],
      rows: [{ cells: ['Huaian'], outcome: 'local' }, { cells: [null], outcome: 'visitor' }],
    });
    const compiled = compileRuleSet(def);
    expect((await evaluateRuleSet(compiled, { person: { address: { city: 'Huaian' } } })).outcome).toBe('local');
    expect((await evaluateRuleSet(compiled, { person: { address: {} } })).outcome).toBe('visitor');
  });
});
