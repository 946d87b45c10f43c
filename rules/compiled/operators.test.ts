import { Engine } from 'json-rules-engine';
import { coreOperators, operatorNames } from '../../language';
import { ruleOperator, ruleOperators } from './operators';

/** What json-rules-engine's own built-in answers (true, false, or 'throws'), with a plain Engine. */
async function library(operator: string, factValue: unknown, value: unknown): Promise<boolean | 'throws'> {
  const engine = new Engine([{ conditions: { all: [{ fact: 'f', operator, value }] }, event: { type: 'hit' } }]);
  try {
    return (await engine.run({ f: factValue })).events.length === 1;
  } catch {
    return 'throws';
  }
}

function ours(operator: string, factValue: unknown, value: unknown): boolean | 'throws' {
  try {
    return ruleOperators[operator](factValue, value);
  } catch {
    return 'throws';
  }
}

describe('rule operators', () => {
  it('are the operators a condition may name: the library built-ins under their names, and the domain ones', () => {
    expect(Object.keys(ruleOperators).sort()).toEqual([...operatorNames].sort());
    expect(Object.keys(coreOperators).every((name) => ruleOperators[name] !== coreOperators[name])).toBe(true);
    expect(ruleOperator('toString')).toBeUndefined();
    expect(ruleOperator('regex')).toBeUndefined();
  });

  it.each([
    ['lessThan', '5', 10],
    ['greaterThanInclusive', [7], 7],
    ['lessThan', 'abc', 10],
    ['in', 'b', 'abc'],
    ['in', 'x', null],
    ['notIn', 1, 5],
    ['contains', 'abc', 'b'],
    ['doesNotContain', [1, 2], 3],
    ['equal', null, null],
  ])('%s(%j, %j) answers as json-rules-engine does, even where language/ would not', async (operator, factValue, value) => {
    expect(ours(operator, factValue, value)).toBe(await library(operator, factValue, value));
  });
});
