import { compileRuleSet, evaluateRuleSet, getCompiled, InvalidRuleSetError, MissingFactsError, RuleEvaluationError } from './engine';
import { rulesSet, tableSet } from './test-support';
import type { RulesRuleSet } from './ruleset-schema';

const adults = (): RulesRuleSet =>
  rulesSet(
    [
      {
        name: 'adult with a red code',
        priority: 10,
        conditions: { all: [{ condition: 'adult' }, { fact: 'code', operator: 'equal', value: 'red' }] },
        event: { type: 'isolate', params: { days: 7, age: { fact: 'age' }, city: { fact: 'person', path: 'address.city' } } },
      },
      {
        name: 'adult',
        conditions: { any: [{ condition: 'adult' }, { fact: 'person', path: 'guardian', operator: 'equal', value: true }] },
        event: { type: 'register' },
      },
    ],
    {
      facts: {
        age: { type: 'number' },
        code: { type: 'string', default: 'green' },
        person: { type: 'object', default: { address: { city: 'Huaian' } } },
      },
      paramFacts: ['age', 'person'],
      conditions: { adult: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] } },
    },
  );

describe('evaluateRuleSet', () => {
  it('answers events by priority, the outcome, and params with fact references resolved', async () => {
    const evaluation = await evaluateRuleSet(compileRuleSet(adults()), { age: 40, code: 'red' });
    expect(evaluation.events).toEqual([
      { type: 'isolate', params: { days: 7, age: 40, city: 'Huaian' } },
      { type: 'register', params: {} },
    ]);
    expect(evaluation.outcome).toBe('isolate');
    expect(evaluation.facts).toEqual({ age: 40, code: 'red', person: { address: { city: 'Huaian' } } });
  });

  it('outcome is null when no rule fires', async () => {
    const evaluation = await evaluateRuleSet(compileRuleSet(adults()), { age: 12, person: { guardian: false } });
    expect(evaluation).toMatchObject({ events: [], outcome: null });
  });

  it('traces every rule and leaf: fact, path, operator, expected value, value seen, result', async () => {
    const { trace } = await evaluateRuleSet(compileRuleSet(adults()), { age: 12, code: 'red', person: { guardian: true } });
    expect(trace).toEqual([
      {
        name: 'adult with a red code',
        priority: 10,
        event: 'isolate',
        evaluated: true,
        passed: false,
        conditions: [
          { at: 'all/0/all/0', fact: 'age', operator: 'greaterThanInclusive', value: 18, factValue: 12, result: false },
          { at: 'all/1', fact: 'code', operator: 'equal', value: 'red', factValue: 'red', result: true },
        ],
      },
      {
        name: 'adult',
        priority: 1,
        event: 'register',
        evaluated: true,
        passed: true,
        conditions: [
          { at: 'any/0/all/0', fact: 'age', operator: 'greaterThanInclusive', value: 18, factValue: 12, result: false },
          { at: 'any/1', fact: 'person', path: 'guardian', operator: 'equal', value: true, factValue: true, result: true },
        ],
      },
    ]);
  });

  it('the trace survives JSON, as a decision record stores it', async () => {
    const evaluation = await evaluateRuleSet(compileRuleSet(adults()), { age: 20 });
    const stored = JSON.parse(JSON.stringify(evaluation)) as typeof evaluation;
    expect(stored.trace).toEqual(evaluation.trace);
    expect(stored.trace).toHaveLength(2);
  });

  it('marks leaves not evaluated (short-circuited) with result null', async () => {
    const def = rulesSet([
      {
        conditions: { any: [{ fact: 'age', operator: 'lessThan', value: 18, priority: 2 }, { fact: 'code', operator: 'equal', value: 'red', priority: 1 }] },
        event: { type: 'minor-or-red' },
      },
    ]);
    const { trace } = await evaluateRuleSet(compileRuleSet(def), { age: 10, code: 'green' });
    expect(trace[0].conditions.map((c) => [c.fact, c.result])).toEqual([
      ['age', true],
      ['code', null],
    ]);
  });

  it('throws MissingFactsError naming every required fact without a default', async () => {
    const compiled = compileRuleSet(adults());
    await expect(evaluateRuleSet(compiled, { code: 'red' })).rejects.toMatchObject({ code: 'missing_facts', facts: ['age'] });
    const noDefaults = compileRuleSet({ ...adults(), facts: { age: { type: 'number' }, code: { type: 'string' }, person: { type: 'object' } } });
    const error = await evaluateRuleSet(noDefaults, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFactsError);
    expect((error as MissingFactsError).facts.sort()).toEqual(['age', 'code', 'person']);
  });

  it('an operator that cannot apply to the facts is a RuleEvaluationError naming the rule set, not a TypeError', async () => {
    const compiled = compileRuleSet(
      rulesSet([{ name: 'listed', conditions: { all: [{ fact: 'code', operator: 'in', value: { fact: 'age' } }] }, event: { type: 'listed' } }]),
    );
    const error = await evaluateRuleSet(compiled, { age: 40, code: 'red', person: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleEvaluationError);
    expect(error).toMatchObject({ code: 'rule_evaluation_failed', message: expect.stringContaining("rule set 'test-rules' cannot be evaluated on these facts") });
  });

  it('fills in declared defaults for absent facts only: null is a value', async () => {
    const compiled = compileRuleSet(adults());
    expect((await evaluateRuleSet(compiled, { age: 40 })).facts.code).toBe('green');
    expect((await evaluateRuleSet(compiled, { age: 40, code: null })).facts.code).toBeNull();
  });

  it('reads only own properties of the facts given, and drops undeclared ones', async () => {
    const def = rulesSet([{ conditions: { all: [{ fact: 'toString', operator: 'equal', value: 'x' }] }, event: { type: 'x' } }], {
      facts: { toString: { type: 'string' as const } },
    });
    await expect(evaluateRuleSet(compileRuleSet(def), {})).rejects.toMatchObject({ facts: ['toString'] });
    const evaluation = await evaluateRuleSet(compileRuleSet(adults()), { age: 30, extra: 'ignored' });
    expect(evaluation.facts).not.toHaveProperty('extra');
  });

  it('registers the domain operators', async () => {
    const def = rulesSet([
      {
        conditions: {
          all: [
            { fact: 'age', operator: 'betweenInclusive', value: [14, 69] },
            { fact: 'code', operator: 'inList', value: ['green', 'yellow'] },
            { fact: 'seen', operator: 'withinHours', value: { hours: 48, of: { fact: 'now' } } },
          ],
        },
        event: { type: 'ok' },
      },
    ]);
    // withinHours compares with another fact, so `of` must be resolved first: give the engine a literal instead.
    def.rules[0].conditions = { all: [...(def.rules[0].conditions as { all: [] }).all.slice(0, 2), { fact: 'seen', operator: 'withinHours', value: { hours: 48, of: '2021-09-09T12:00:00Z' } }] };
    def.facts = { ...def.facts, seen: { type: 'datetime' } };
    const compiled = compileRuleSet(def);
    expect((await evaluateRuleSet(compiled, { age: 30, code: 'yellow', seen: '2021-09-08T12:00:00Z' })).outcome).toBe('ok');
    expect((await evaluateRuleSet(compiled, { age: 30, code: 'yellow', seen: '2021-09-01T12:00:00Z' })).outcome).toBeNull();
  });

  it('keeps concurrent evaluations of one compiled engine apart', async () => {
    // A shared json-rules-engine Engine lets a run that finishes first skip another's later priority levels:
    // here the green run short-circuits rule 1 and finishes while the red run is still deep inside it.
    const positive = { fact: 'age', operator: 'greaterThan', value: 0 };
    const def = rulesSet([
      {
        priority: 3,
        conditions: {
          any: [
            { fact: 'code', operator: 'equal', value: 'green', priority: 5 },
            { all: [{ all: [{ all: [{ all: [positive] }, positive] }] }, positive], priority: 1 },
          ],
        },
        event: { type: 'first' },
      },
      { priority: 2, conditions: { all: [{ fact: 'code', operator: 'equal', value: 'red' }] }, event: { type: 'second' } },
    ]);
    const compiled = compileRuleSet(def);
    const [slow, fast] = await Promise.all([
      evaluateRuleSet(compiled, { age: 5, code: 'red' }),
      evaluateRuleSet(compiled, { age: -1, code: 'green' }),
    ]);
    expect(slow.events.map((e) => e.type)).toEqual(['first', 'second']);
    expect(fast.events.map((e) => e.type)).toEqual(['first']);
  });

  it('a stopping hit policy stops only its own run', async () => {
    const table = compileRuleSet(
      tableSet({
        hitPolicy: 'first',
        columns: [{ fact: 'age', operator: 'greaterThan' }],
        rows: [{ cells: [10], outcome: 'big' }, { cells: [null], outcome: 'small' }],
      }),
    );
    const results = await Promise.all([1, 20, 2, 30].map((age) => evaluateRuleSet(table, { age })));
    expect(results.map((r) => r.outcome)).toEqual(['small', 'big', 'small', 'big']);
  });
});

describe('compileRuleSet', () => {
  it('refuses an invalid definition with its problems', () => {
    const def = rulesSet([{ conditions: { all: [{ fact: 'age', operator: 'regex', value: '.*' }] }, event: { type: 'x' } }]);
    expect(() => compileRuleSet(def)).toThrow(InvalidRuleSetError);
    try {
      compileRuleSet(def);
    } catch (e) {
      expect((e as InvalidRuleSetError).problems).toEqual([expect.objectContaining({ code: 'unknown_operator' })]);
    }
  });

  it('keeps its own copy of the definition', async () => {
    const def = adults();
    const compiled = compileRuleSet(def);
    def.conditions!.adult = { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 99 }] };
    expect((await evaluateRuleSet(compiled, { age: 40 })).outcome).toBe('register');
  });
});

describe('getCompiled', () => {
  it('compiles once per key and version', () => {
    const def = adults();
    const first = getCompiled('adults', 1, def);
    expect(getCompiled('adults', 1, def)).toBe(first);
    expect(getCompiled('adults', 2, def)).not.toBe(first);
    expect(getCompiled('adults', 1, def, 'other-hash')).not.toBe(first);
  });

  it('is bounded: the least recently used version is compiled again', () => {
    const def = adults();
    const kept = getCompiled('lru', 0, def);
    const dropped = getCompiled('lru', 1, def);
    for (let v = 2; v < 201; v++) {
      getCompiled('lru', 0, def); // keeps version 0 recently used
      getCompiled('lru', v, def);
    }
    expect(getCompiled('lru', 0, def)).toBe(kept);
    expect(getCompiled('lru', 1, def)).not.toBe(dropped);
  });
});
