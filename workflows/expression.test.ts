import fc from 'fast-check';
import jsonata from 'jsonata';
import { evaluateExpression, evaluateMapping, expressionError } from './expression';

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
