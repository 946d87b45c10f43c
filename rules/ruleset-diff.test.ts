import { builtInRuleSets } from '../domain/library/rulesets';
import { diffRuleSets, type RuleSetDiff } from './ruleset-diff';
import type { Rule, TableRow } from './ruleset-schema';
import { rulesSet, tableSet } from './test-support';

const adult: Rule = { name: 'adult', conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] }, event: { type: 'adult', params: { days: 7 } } };
const child: Rule = { name: 'child', conditions: { all: [{ fact: 'age', operator: 'lessThan', value: 18 }] }, event: { type: 'child' } };
const red: Rule = { name: 'red', conditions: { any: [{ fact: 'code', operator: 'equal', value: 'red' }] }, event: { type: 'isolate' } };

const nothing: RuleSetDiff = {
  fields: [],
  facts: { added: [], removed: [], changed: [] },
  conditions: { added: [], removed: [], changed: [] },
  rules: { added: [], removed: [], changed: [], reordered: false },
  rows: { added: [], removed: [], changed: [], reordered: false },
};

describe('rule set diff', () => {
  it('finds nothing between equal rule sets, whatever the key order (jsonb reorders keys)', () => {
    for (const rs of builtInRuleSets) {
      const reordered = JSON.parse(JSON.stringify(rs, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
      expect(diffRuleSets(rs, reordered)).toEqual(nothing);
    }
  });

  it('names rules added, removed and changed, with their content before and after', () => {
    const changedAdult: Rule = { ...adult, event: { type: 'adult', params: { days: 5 } } };
    const diff = diffRuleSets(rulesSet([adult, child]), rulesSet([changedAdult, red]));
    expect(diff.rules).toEqual({
      added: [{ name: 'red', after: red }],
      removed: [{ name: 'child', before: child }],
      changed: [{ name: 'adult', before: adult, after: changedAdult }],
      reordered: false,
    });
    expect(diff.fields).toEqual([]);
  });

  it('matches a rule without a name by its position, and a repeated name by name and position', () => {
    const { name: _drop, ...unnamed } = red;
    const before = rulesSet([adult, unnamed, { ...adult, priority: 2 }]);
    const after = rulesSet([adult, { ...unnamed, event: { type: 'watch' } }, { ...adult, priority: 3 }]);
    const diff = diffRuleSets(before, after);
    expect(diff.rules.changed.map((c) => c.name)).toEqual(['#2', 'adult #3']);
    expect(diff.rules.added).toEqual([]);
    expect(diff.rules.removed).toEqual([]);
  });

  it('tells a reordering of rules, which changes which event decides among equal priorities', () => {
    const diff = diffRuleSets(rulesSet([adult, child, red]), rulesSet([child, adult]));
    expect(diff.rules.reordered).toBe(true);
    expect(diff.rules.removed.map((r) => r.name)).toEqual(['red']);
    // Removing one is not a reordering of the others.
    expect(diffRuleSets(rulesSet([adult, child, red]), rulesSet([adult, red])).rules.reordered).toBe(false);
  });

  it('lists facts and named conditions changed by name, and top-level fields with before and after', () => {
    const before = rulesSet([adult], { conditions: { grown: { all: [{ fact: 'age', operator: 'greaterThan', value: 17 }] } }, description: 'old' });
    const after = rulesSet([adult], {
      name: { zh: '测试', en: 'Test 2' },
      facts: { ...before.facts, age: { type: 'number', description: 'years' }, district: { type: 'string' } },
      conditions: { grown: { all: [{ fact: 'age', operator: 'greaterThan', value: 18 }] }, red: { any: [{ fact: 'code', operator: 'equal', value: 'red' }] } },
    });
    const diff = diffRuleSets(before, after);
    expect(diff.facts).toEqual({
      added: [{ name: 'district', after: { type: 'string' } }],
      removed: [],
      changed: [{ name: 'age', before: { type: 'number' }, after: { type: 'number', description: 'years' } }],
    });
    expect(diff.conditions.added.map((c) => c.name)).toEqual(['red']);
    expect(diff.conditions.changed).toEqual([{ name: 'grown', before: before.conditions!.grown, after: after.conditions!.grown }]);
    expect(diff.fields).toEqual([
      { name: 'description', before: 'old', after: undefined },
      { name: 'name', before: { zh: '测试', en: 'Test' }, after: { zh: '测试', en: 'Test 2' } },
    ]);
  });

  it('compares table rows by id (else position), and the hit policy and columns as fields', () => {
    const columns = [{ fact: 'code', operator: 'equal' }];
    const rows: TableRow[] = [
      { id: 'red', cells: ['red'], outcome: 'isolate' },
      { id: 'yellow', cells: ['yellow'], outcome: 'watch' },
      { cells: [null], outcome: 'none' },
    ];
    const before = tableSet({ hitPolicy: 'first', columns, rows });
    const after = tableSet({ hitPolicy: 'collect', columns, rows: [rows[1], { ...rows[0], outcome: 'hospital' }, { cells: [null], outcome: 'ok' }] });
    const diff = diffRuleSets(before, after);
    expect(diff.rows.changed).toEqual([
      { name: 'red', before: rows[0], after: { ...rows[0], outcome: 'hospital' } },
      { name: '#3', before: rows[2], after: { cells: [null], outcome: 'ok' } },
    ]);
    expect(diff.rows.reordered).toBe(true);
    expect(diff.fields).toEqual([{ name: 'table/hitPolicy', before: 'first', after: 'collect' }]);
  });

  it('a rule set that becomes a table loses its rules and gains rows', () => {
    const table = tableSet({ hitPolicy: 'first', columns: [{ fact: 'age', operator: 'greaterThan' }], rows: [{ cells: [17], outcome: 'adult' }] });
    const diff = diffRuleSets(rulesSet([adult]), table);
    expect(diff.rules.removed.map((r) => r.name)).toEqual(['adult']);
    expect(diff.rows.added.map((r) => r.name)).toEqual(['#1']);
    expect(diff.fields.map((f) => f.name)).toEqual(['kind', 'table/columns', 'table/hitPolicy']);
  });
});
