import { compileTable } from './table-compile';
import { compileRuleSet, evaluateRuleSet } from './engine';
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
