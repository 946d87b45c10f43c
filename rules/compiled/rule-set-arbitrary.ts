/**
 * Random rule sets and facts for the differential test (fast-check arbitraries): nested
 * all/any/not, named conditions referring to earlier ones, priorities on rules and
 * conditions (ties, fractions, negatives), every registered operator, values that are
 * fact references (with and without paths), event params that read facts, declared
 * defaults, facts left out or of the wrong type, and decision tables of every hit policy.
 * Every rule set generated passes validateRuleSet (the test asserts it).
 */
import fc from 'fast-check';
import type { Condition, FactCondition } from '../../language';
import { hitPolicies, type DecisionTable, type EventParams, type FactDeclaration, type Rule, type RuleSet, type TopLevelCondition } from '../ruleset-schema';
import { ruleOperators } from './operators';

export const FACTS: Record<string, FactDeclaration> = {
  n: { type: 'number' },
  m: { type: 'number', default: 3 },
  s: { type: 'string', enum: ['a', 'b', 'c'] },
  t: { type: 'string', default: 'b' },
  b: { type: 'boolean' },
  o: { type: 'object', default: { a: { b: 1 }, c: [1, 2] } },
  arr: { type: 'array' },
  d: { type: 'datetime' },
  u: { type: 'number' },
};
const FACT_NAMES = Object.keys(FACTS);
const OPERATORS = Object.keys(ruleOperators);
const NAMED = ['c0', 'c1', 'c2'] as const;

const T1 = '2021-09-08T12:00:00Z';
const T2 = '2021-09-09T12:00:00Z';
const scalars = [-1, 0, 1, 2, 2.5, 3, 10, 100, 'a', 'b', 'c', '', '2', 'ab', T1, T2, true, false, null, Date.parse(T1)];
const lists = [[], ['a', 'b'], ['c'], [1, 2, 3], [1, 'a'], [2, 10], ['2'], [0, 3]];
const objects = [{ hours: 48, of: T2 }, { hours: 1, of: Date.parse(T1) }, { hours: 30, of: { fact: 'd' } }, { a: { b: 1 } }, { a: { b: 2 }, c: [1] }];
const references = [
  { fact: 'n' },
  { fact: 'm' },
  { fact: 's' },
  { fact: 't' },
  { fact: 'o', path: 'a.b' },
  { fact: 'o', path: '$.c' },
  { fact: 'n', path: 'x' },
  { fact: 'arr' },
  { fact: 'd' },
];
/** References the validator does not look into: json-rules-engine fails on them at evaluation. */
const uncheckedReferences = [{ fact: 5 }, { fact: 'o', path: 7 }];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: pick(scalars) },
  { weight: 3, arbitrary: pick(lists) },
  { weight: 2, arbitrary: pick(objects) },
  { weight: 2, arbitrary: pick(references) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Values an operator usually meets, then anything (including values it throws on). */
function valueFor(operator: string): fc.Arbitrary<unknown> {
  const usual: Record<string, fc.Arbitrary<unknown>> = {
    in: pick(lists),
    notIn: pick(lists),
    inList: pick(lists),
    intersects: pick(lists),
    betweenInclusive: pick([[0, 3], [2, 10], [3, 1], [1]]),
    before: pick([T1, T2, Date.parse(T2), { fact: 'd' }]),
    after: pick([T1, T2, Date.parse(T1), { fact: 'd' }]),
    withinHours: pick(objects.slice(0, 3)),
  };
  const fallback = usual[operator] ?? pick(scalars);
  // An unchecked reference fails the whole evaluation wherever it is reached, so it is rare.
  return fc.oneof({ weight: 150, arbitrary: fallback }, { weight: 49, arbitrary: anyValue }, { weight: 1, arbitrary: pick(uncheckedReferences) });
}

/** Priorities as json-rules-engine reads them: absent mostly, else ties, fractions, zero and negatives. */
const conditionPriority: fc.Arbitrary<number | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: pick([1, 2, 3, 0.5, 2.5, 0, -1]) },
);

/** Paths into the object fact, and paths on other facts (the library answers a non-object itself; an array by index or length). */
const pathsOf = (fact: string) => (fact === 'o' ? ['a.b', 'a', 'c', '$.a.b', 'a.z'] : ['x', 'length', '0']);

const leaf: fc.Arbitrary<FactCondition> = fc.record({ fact: pick(FACT_NAMES), operator: pick(OPERATORS) }).chain(({ fact, operator }) =>
  fc
    .record({ value: valueFor(operator), path: fc.option(pick(pathsOf(fact)), { nil: undefined, freq: 2 }), priority: conditionPriority })
    .map(({ value, path, priority }) => dropUndefined({ fact, operator, value, path, priority })),
);

/** A condition tree at most `depth` levels deep whose references name only `names`. */
function condition(depth: number, names: readonly string[]): fc.Arbitrary<Condition> {
  const reference = names.length > 0 ? [fc.record({ condition: pick(names), priority: conditionPriority }).map(dropUndefined)] : [];
  if (depth <= 1) return fc.oneof({ weight: 4, arbitrary: leaf }, ...reference.map((arbitrary) => ({ weight: 1, arbitrary })));
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 2, arbitrary: booleanNode(depth, names) },
    ...reference.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

/** A top-level condition (all, any, not or a reference) at most `depth` levels deep. */
function booleanNode(depth: number, names: readonly string[]): fc.Arbitrary<TopLevelCondition> {
  const children = fc.array(condition(depth - 1, names), { minLength: 1, maxLength: 4 });
  const nodes: fc.Arbitrary<TopLevelCondition>[] = [
    fc.record({ all: children, priority: conditionPriority }).map(dropUndefined),
    fc.record({ any: children, priority: conditionPriority }).map(dropUndefined),
    fc.record({ not: condition(depth - 1, names), priority: conditionPriority }).map(dropUndefined),
  ];
  if (names.length > 0) nodes.push(fc.record({ condition: pick(names) }));
  return fc.oneof(...nodes);
}

const params: fc.Arbitrary<EventParams | undefined> = fc.option(
  fc.dictionary(
    pick(['days', 'level', 'who', 'list', '0']),
    fc.oneof(pick([7, 'home', true, null, [1, 4, 7], { nested: { x: 1 } }]), pick([{ fact: 'n' }, { fact: 'o', path: 'a.b' }, { fact: 'o', path: 'c' }, { fact: 's' }, { fact: 'm' }])),
    { maxKeys: 3 },
  ) as fc.Arbitrary<EventParams>,
  { nil: undefined },
);

function rule(names: readonly string[]): fc.Arbitrary<Rule> {
  return fc
    .record({
      name: fc.option(pick(['r', 'twin', 'other']), { nil: undefined }),
      priority: fc.option(pick([1, 2, 3]), { nil: undefined }),
      conditions: booleanNode(3, names),
      type: pick(['x', 'y', 'z']),
      params,
    })
    .map(({ name, priority, conditions, type, params }) => dropUndefined({ name, priority, conditions, event: dropUndefined({ type, params }) }));
}

/** Named conditions c0..c2, each referring only to those before it (no cycles, depth within the limit). */
const namedConditions: fc.Arbitrary<Record<string, TopLevelCondition>> = fc
  .integer({ min: 0, max: NAMED.length })
  .chain((count) => fc.tuple(...NAMED.slice(0, count).map((_, i) => booleanNode(3, NAMED.slice(0, i)))))
  .map((bodies) => Object.fromEntries(bodies.map((body, i) => [NAMED[i], body])));

const base = { key: 'differential', name: { zh: '差分', en: 'Differential' }, facts: FACTS, paramFacts: FACT_NAMES };

const rulesRuleSet: fc.Arbitrary<RuleSet> = namedConditions.chain((conditions) => {
  const names = Object.keys(conditions);
  return fc.array(rule(names), { minLength: 1, maxLength: 6 }).map((rules): RuleSet => ({ ...base, kind: 'rules', conditions, rules }));
});

const column = fc
  .record({ fact: pick(FACT_NAMES), operator: pick(OPERATORS) })
  .chain(({ fact, operator }) => fc.option(pick(pathsOf(fact)), { nil: undefined, freq: 2 }).map((path) => dropUndefined({ fact, operator, path })));

const tableRuleSet: fc.Arbitrary<RuleSet> = fc
  .record({ hitPolicy: pick(hitPolicies), columns: fc.array(column, { minLength: 1, maxLength: 3 }) })
  .chain(({ hitPolicy, columns }) => {
    const row = fc.record({
      id: fc.option(pick(['r1', 'r2', 'r3']), { nil: undefined }),
      cells: fc.tuple(...columns.map((c) => fc.option(valueFor(c.operator), { nil: null, freq: 3 }))),
      outcome: pick(['x', 'y']),
      params: fc.option(pick([{ days: 7 }, { days: 5 }, { days: { fact: 'm' } }]), { nil: undefined }),
      priority: fc.option(pick([1, 2, 3]), { nil: undefined }),
    });
    return fc.array(row, { minLength: 1, maxLength: 6 }).map((rows): RuleSet => {
      const table: DecisionTable = { hitPolicy, columns, rows: rows.map((r) => dropUndefined(r) as DecisionTable['rows'][number]) };
      return { ...base, kind: 'table', table };
    });
  });

/** A rule set of either kind. */
export const ruleSetArbitrary: fc.Arbitrary<RuleSet> = fc.oneof({ weight: 3, arbitrary: rulesRuleSet }, { weight: 1, arbitrary: tableRuleSet });

const factValues: Record<string, unknown[]> = {
  n: [-1, 0, 1, 2, 2.5, 3, 10, 100],
  m: [0, 1, 3, 10],
  s: ['a', 'b', 'c'],
  t: ['a', 'b', 'ab', ''],
  b: [true, false],
  o: [{ a: { b: 1 }, c: [1, 2] }, { a: { b: 2 } }, { a: null }, {}],
  arr: [[], ['a'], [1, 2, 3], ['a', 'c', 1]],
  d: [T1, T2, Date.parse(T1), '2021-09-10T00:00:00+08:00'],
  u: [0, 5],
};

/** Facts for an evaluation: each usually given, usually of its declared type; now and then absent, or anything. */
export const factsArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(...FACT_NAMES.map((name) => fc.option(fc.oneof({ weight: 5, arbitrary: pick(factValues[name]) }, { weight: 1, arbitrary: anyValue }), { nil: undefined, freq: 40 })))
  .map((values) => dropUndefined(Object.fromEntries(FACT_NAMES.map((name, i) => [name, values[i]]))));

/** Optional keys left out, as a definition written by hand or parsed from JSON has them. */
function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
