import fc from 'fast-check';
import jsonata from 'jsonata';
import { evaluateExpression, evaluateMapping, ExpressionBudget, ExpressionBudgetError, expressionError } from './expression';
import { DEFAULT_CASE_LIMITS } from './limits';

const clock = { now: Date.parse('2026-09-09T08:00:00Z'), random: () => 0.25 };

test('$now, $millis and $random give the values the caller supplies (workflow time, seeded random)', async () => {
  expect(await evaluateExpression('$now()', {}, clock)).toBe('2026-09-09T08:00:00.000Z');
  expect(await evaluateExpression('$millis() + 1000', {}, clock)).toBe(clock.now + 1000);
  expect(await evaluateExpression('$random()', {}, clock)).toBe(0.25);
});

test('mappings evaluate each entry over the variables', async () => {
  const vars = { person: { origin: 'high', days: 7 }, tests: [{ result: 'negative' }, { result: 'positive' }] };
  expect(await evaluateMapping({ origin: 'person.origin', total: 'person.days * 2', anyPositive: "'positive' in tests.result", n: '3', s: "'x'" }, vars, clock)).toEqual({
    origin: 'high',
    total: 14,
    anyPositive: true,
    n: 3,
    s: 'x',
  });
});

test('syntax errors are reported with the position, not thrown', () => {
  expect(expressionError('person.')).toMatch(/at character/);
  expect(expressionError('person.origin')).toBeUndefined();
});

test("JSONata's evaluation errors (plain objects) become errors whose message says what and where", async () => {
  const err = await evaluateExpression("1 + 'x'", {}, clock).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toMatch(/^The right side of the "\+" operator must evaluate to a number \(at character 3\)$/);
});

test('property: the fast path for plain paths and literals agrees with JSONata', async () => {
  const names = fc.constantFrom('a', 'b', 'c', 'and', 'x_1');
  const leaf = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
  const tree = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, leaf, fc.dictionary(names, tie('node'), { maxKeys: 3 })) })).node;
  const source = fc.oneof(
    fc.array(names, { minLength: 1, maxLength: 3 }).map((p) => p.join('.')),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.constantFrom('true', 'false', 'null', '0.5', '12.25'),
  );
  await fc.assert(
    fc.asyncProperty(fc.dictionary(names, tree, { maxKeys: 4 }), source, async (vars, src) => {
      const ours = await evaluateExpression(src, vars, clock);
      const theirs = await jsonata(src).evaluate(vars);
      expect(ours).toEqual(theirs);
    }),
    { numRuns: 600 },
  );
});

describe('budgets: a runaway expression fails with a stable code and a message naming the limit', () => {
  const failure = async (source: string, budget = new ExpressionBudget()) => {
    const err = await evaluateExpression(source, {}, clock, budget).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExpressionBudgetError);
    return err as ExpressionBudgetError;
  };
  const recursion = (levels: number) => `($f := function($n){ $n >= ${levels} ? $n : 1 + $f($n + 1) }; $f(0))`;

  test('depth: a recursion nesting deeper than the limit fails; 50 levels are fine', async () => {
    const err = await failure(recursion(300));
    expect(err.code).toBe('expression_budget');
    expect(err.message).toMatch(/^expression budget exceeded: depth over 200 at character \d+ of '\(\$f := function/);
    expect(await evaluateExpression(recursion(50), {}, clock)).toBe(100);
    const tight = new ExpressionBudget({ ...DEFAULT_CASE_LIMITS.expression, depth: 10 });
    expect((await failure(recursion(50), tight)).message).toMatch(/depth over 10 /);
  });

  test('depth counts nested calls, not the width of an array evaluated item by item at once', async () => {
    const wide = `[${Array.from({ length: 500 }, (_, i) => i).join(',')}]`;
    expect(await evaluateExpression(wide, {}, clock)).toHaveLength(500);
  });

  test('steps: endless tail recursion (which never nests) stops after exactly the step limit', async () => {
    const budget = new ExpressionBudget();
    const err = await failure('($f := function($n){$f($n+1)}; $f(0))', budget);
    expect(err.message).toMatch(/^expression budget exceeded: steps over 5000 at character/);
    expect(budget.steps).toBe(5001);
  });

  test('steps: $eval does not escape the count', async () => {
    expect((await failure(`$eval('($f := function($n){$f($n+1)}; $f(0))')`)).message).toMatch(/steps over 5000/);
  });

  test('steps: a budget shared by several evaluations adds them up (a path between two waits)', async () => {
    const budget = new ExpressionBudget({ ...DEFAULT_CASE_LIMITS.expression, steps: 100 });
    const sum = '$sum([1..20].($ * 2))';
    expect(await evaluateExpression(sum, {}, clock, budget)).toBe(420);
    const spent = budget.steps;
    expect(spent).toBeGreaterThan(40);
    expect(spent).toBeLessThan(100);
    await failure(sum, budget);
    // A fresh budget is not affected by the broken one.
    expect(await evaluateExpression(sum, {}, clock)).toBe(420);
  });

  test('size: [1..10000000] is refused before it is built', async () => {
    const budget = new ExpressionBudget();
    const err = await failure('[1..10000000]', budget);
    expect(err.message).toBe("expression budget exceeded: range of 10000000 items over 100000 at character 12 of '[1..10000000]'");
    // Steps, not time, show it was refused before it was built (a loaded machine makes time limits flaky).
    expect(budget.steps).toBeLessThan(10);
  });

  test('size: a long string, a long array built step by step, an object with too many keys', async () => {
    expect((await failure('$pad("", 2000000, "x")')).message).toMatch(/string of 2000000 characters over 1000000/);
    const small = new ExpressionBudget({ ...DEFAULT_CASE_LIMITS.expression, items: 1000 });
    expect((await failure('[1..100].([1..20])', small)).message).toMatch(/array of 2000 items over 1000/);
    const fewKeys = new ExpressionBudget({ ...DEFAULT_CASE_LIMITS.expression, items: 100 });
    expect((await failure('$merge([1..60].{"a" & $string($): $, "b" & $string($): $})', fewKeys)).message).toMatch(/object of over 100 keys/);
  });

  test('size: large values cost steps, so a loop that keeps building them stops within the step budget', async () => {
    expect((await failure('[1..5000].([1..100000])')).message).toMatch(/steps over 5000/);
  });

  test('the fast path spends nothing; ordinary expressions spend a few steps', async () => {
    const budget = new ExpressionBudget();
    await evaluateMapping({ origin: 'person.origin', n: '3' }, { person: { origin: 'high' } }, clock, budget);
    expect(budget.steps).toBe(0);
    await evaluateExpression("person.origin = 'high' ? 'red' : 'green'", { person: { origin: 'high' } }, clock, budget);
    expect(budget.steps).toBeGreaterThan(0);
    expect(budget.steps).toBeLessThan(20);
  });
});

describe('expressionError', () => {
  test('plain reads and expressions are valid; a literal used as a step and broken syntax are not', () => {
    for (const ok of ['person.origin', 'x', '_a.b2', '12', '-1.5', 'true', 'null', 'and', "'text'", 'a + 1']) expect(expressionError(ok)).toBeUndefined();
    for (const bad of ['true.x', 'null.y', 'a +', '(((']) expect(expressionError(bad)).toEqual(expect.any(String));
  });
});
