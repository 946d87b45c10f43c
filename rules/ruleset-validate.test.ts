import { validateRuleSet, RULESET_LIMITS } from './ruleset-validate';
import { asInput, rulesSet, tableSet } from './test-support';
import type { Condition } from '../language';
import type { Rule } from './ruleset-schema';

const leaf = (fact = 'age', operator = 'greaterThan', value: unknown = 18): Condition => ({ fact, operator, value });
const rule = (conditions: Rule['conditions'], event: Rule['event'] = { type: 'adult' }): Rule => ({ conditions, event });
const codes = (input: unknown) => validateRuleSet(input).map((p) => `${p.code} ${p.path}`);

describe('validateRuleSet', () => {
  it('accepts a valid rule set', () => {
    expect(validateRuleSet(rulesSet([rule({ all: [leaf()] })]))).toEqual([]);
  });

  it('invalid_schema: one problem per issue, with its path', () => {
    const input = asInput(rulesSet([rule({ all: [leaf()] })]));
    input.key = 'Not A Key';
    (input.name as Record<string, unknown>).en = '';
    expect(codes(input)).toEqual(['invalid_schema key', 'invalid_schema name/en']);
  });

  it('invalid_schema: a failed union points into the branch that came closest', () => {
    const input = asInput(rulesSet([rule({ all: [leaf()] })]));
    ((input.rules as Rule[])[0].conditions as { all: unknown[] }).all[0] = { fact: 'age', operator: 'equal', value: 1, extra: true };
    expect(validateRuleSet(input)).toEqual([
      { path: 'rules/0/conditions/all/0', code: 'invalid_schema', message: expect.stringContaining('extra') },
    ]);
  });

  it('unknown_operator', () => {
    expect(codes(rulesSet([rule({ all: [leaf('age', 'matchesRegex')] })]))).toEqual(['unknown_operator rules/0/conditions/all/0/operator']);
  });

  it('unknown_fact, in a condition, in a compared-to fact, in paramFacts and in a table column', () => {
    const def = rulesSet([rule({ all: [leaf('height'), leaf('age', 'lessThan', { fact: 'limit' })] })], { paramFacts: ['weight'] });
    expect(codes(def)).toEqual([
      'unknown_fact paramFacts/0',
      'unknown_fact rules/0/conditions/all/0/fact',
      'unknown_fact rules/0/conditions/all/1/value/fact',
    ]);
    const table = tableSet({ hitPolicy: 'first', columns: [{ fact: 'height', operator: 'equal' }], rows: [{ cells: [1], outcome: 'x' }] });
    expect(codes(table)).toEqual(['unknown_fact table/columns/0/fact']);
  });

  it('depth_exceeded: nesting over the limit, counted through named conditions too', () => {
    let deep: Condition = leaf();
    for (let i = 0; i < RULESET_LIMITS.conditionDepth; i++) deep = { all: [deep] };
    expect(codes(rulesSet([rule(deep as Rule['conditions'])]))).toEqual([
      `depth_exceeded rules/0/conditions${'/all/0'.repeat(RULESET_LIMITS.conditionDepth)}`,
    ]);

    let nine: Condition = leaf();
    for (let i = 0; i < 8; i++) nine = { all: [nine] };
    const viaReference = rulesSet([rule({ all: [{ all: [{ condition: 'nine' }] }] })], { conditions: { nine: nine as Rule['conditions'] } });
    expect(codes(viaReference)).toEqual(['depth_exceeded rules/0/conditions/all/0/all/0']);
  });

  it('depth_exceeded: raw JSON nested past any sensible definition is refused before parsing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { not: deep };
    const input = { ...asInput(rulesSet([rule({ all: [leaf()] })])), description: deep };
    expect(validateRuleSet(input)).toEqual([expect.objectContaining({ code: 'depth_exceeded' })]);
  });

  it('condition_cycle: named conditions that refer to each other', () => {
    const def = rulesSet([rule({ all: [{ condition: 'a' }] })], {
      conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }, leaf()] }, c: { not: { condition: 'c' } } },
    });
    expect(validateRuleSet(def)).toEqual([
      { path: 'conditions/a', code: 'condition_cycle', message: expect.stringContaining('a → b → a') },
      { path: 'conditions/c', code: 'condition_cycle', message: expect.stringContaining('c → c') },
    ]);
  });

  it('unknown_condition', () => {
    expect(codes(rulesSet([rule({ any: [{ condition: 'missing' }] })]))).toEqual(['unknown_condition rules/0/conditions/any/0/condition']);
  });

  it('param_fact_not_allowed: params may reference only facts on the allowlist', () => {
    const params = { who: { fact: 'person', path: 'name' }, years: { fact: 'age' } };
    expect(codes(rulesSet([rule({ all: [leaf()] }, { type: 'adult', params })], { paramFacts: ['age'] }))).toEqual([
      'param_fact_not_allowed rules/0/event/params/who/fact',
    ]);
    expect(codes(rulesSet([rule({ all: [leaf()] }, { type: 'adult', params: { years: { fact: 'age' } } })]))).toEqual([
      'param_fact_not_allowed rules/0/event/params/years/fact',
    ]);
  });

  it('too_large: by bytes, and by rule or row count', () => {
    const big = rulesSet([rule({ all: [leaf()] })], { description: 'x'.repeat(RULESET_LIMITS.bytes) });
    expect(codes(asInput(big))).toEqual(['too_large ']);
    const many = rulesSet(Array.from({ length: RULESET_LIMITS.rules + 1 }, () => rule({ all: [leaf()] })));
    expect(codes(many)).toEqual(['too_large rules']);
    const rows = Array.from({ length: RULESET_LIMITS.rows + 1 }, () => ({ cells: [1], outcome: 'x' }));
    expect(codes(tableSet({ hitPolicy: 'collect', columns: [{ fact: 'age', operator: 'equal' }], rows }))).toEqual(['too_large table/rows']);
  });

  it('too_large: named conditions that multiply when expanded', () => {
    const conditions: Record<string, Rule['conditions']> = { c0: { all: [leaf(), leaf(), leaf(), leaf(), leaf()] } };
    for (let i = 1; i < 6; i++) conditions[`c${i}`] = { any: Array.from({ length: 10 }, () => ({ condition: `c${i - 1}` })) };
    expect(codes(rulesSet([rule({ all: [{ condition: 'c5' }] })], { conditions }))).toEqual(['too_large rules/0/conditions']);
    expect(codes(rulesSet([rule({ all: [{ condition: 'c2' }] })], { conditions }))).toEqual([]);
  });

  it('bad_path: only plain dotted paths, in conditions, params and columns', () => {
    const def = rulesSet(
      [rule({ all: [{ fact: 'person', operator: 'equal', value: 1, path: '$..[?(@.x)]' }] }, { type: 'x', params: { p: { fact: 'person', path: '__proto__.x' } } })],
      { paramFacts: ['person'] },
    );
    expect(codes(def)).toEqual(['bad_path rules/0/conditions/all/0/path', 'bad_path rules/0/event/params/p/path']);
    const table = tableSet({ hitPolicy: 'first', columns: [{ fact: 'person', operator: 'equal', path: 'a[0]' }], rows: [{ cells: [1], outcome: 'x' }] });
    expect(codes(table)).toEqual(['bad_path table/columns/0/path']);
  });

  it('table_shape: a row whose cell count differs from the columns', () => {
    const table = tableSet({
      hitPolicy: 'first',
      columns: [{ fact: 'age', operator: 'greaterThan' }, { fact: 'code', operator: 'equal' }],
      rows: [{ cells: [18, 'green'], outcome: 'ok' }, { cells: [18], outcome: 'short' }],
    });
    expect(codes(table)).toEqual(['table_shape table/rows/1/cells']);
  });

  it('returns every problem at once, including those in parts that parse when others do not', () => {
    const input = asInput(
      rulesSet([rule({ all: [leaf('height', 'like')] }), rule({ any: [{ condition: 'nope' }] })], { conditions: { ok: { all: [leaf()] } } }),
    );
    input.key = 'BAD';
    expect(codes(input)).toEqual([
      'invalid_schema key',
      'unknown_operator rules/0/conditions/all/0/operator',
      'unknown_fact rules/0/conditions/all/0/fact',
      'unknown_condition rules/1/conditions/any/0/condition',
    ]);
  });

  it('escapes / and ~ in path segments as JSON pointers do', () => {
    const input = asInput(rulesSet([rule({ all: [leaf()] })]));
    input.facts = { 'a/b~c': { type: 'number' } };
    expect(codes(input)).toContain('invalid_schema facts/a~1b~0c');
  });

  it('refuses what is not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codes(cyclic)).toEqual(['invalid_schema ']);
    expect(codes(undefined)).toEqual(['invalid_schema ']);
  });
});
