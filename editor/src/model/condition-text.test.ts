import { conditionText, shortened, type ConditionWords } from './condition-text';

const zh: ConditionWords = { and: '且', or: '或', not: '非', operator: (op) => ({ equal: '等于', greaterThanInclusive: '≥', in: '属于' })[op] ?? op, reference: (n) => `〔${n}〕` };

describe('a condition in one line', () => {
  it('writes facts, operators in the UI language and values, groups in brackets when nested', () => {
    const c = { all: [{ fact: 'originRisk', operator: 'equal', value: 'high' }, { any: [{ fact: 'age', operator: 'greaterThanInclusive', value: 60 }, { fact: 'code', operator: 'in', value: ['red', 'yellow'] }] }] };
    expect(conditionText(c, zh)).toBe('originRisk 等于 "high" 且 (age ≥ 60 或 code 属于 ["red","yellow"])');
  });

  it('writes negation, named conditions, paths and values that read another fact', () => {
    expect(conditionText({ not: { condition: 'adult' } }, zh)).toBe('非 〔adult〕');
    expect(conditionText({ fact: 'person', path: '$.age', operator: 'greaterThanInclusive', value: { fact: 'limit' } }, zh)).toBe('person.age ≥ limit');
  });

  it('shortens a long text with an ellipsis and leaves a short one', () => {
    expect(shortened('abcdefghij', 6)).toBe('abcde…');
    expect(shortened('abc', 6)).toBe('abc');
  });
});
