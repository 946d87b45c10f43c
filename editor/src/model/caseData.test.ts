import { caseFacts } from './caseData';

describe('caseFacts', () => {
  it('shows scalar variables and those one level into objects, as answered', () => {
    expect(caseFacts({ person: { idNumber: '320803********1234', name: '张*', tags: ['a'] }, risk: 'high', count: 2 })).toEqual([
      { label: 'person.idNumber', name: 'idNumber', value: '320803********1234' },
      { label: 'person.name', name: 'name', value: '张*' },
      { label: 'risk', name: 'risk', value: 'high' },
      { label: 'count', name: 'count', value: '2' },
    ]);
  });

  it('stops at the limit and shortens long text', () => {
    const facts = caseFacts({ a: 'x'.repeat(60), b: 1, c: 2 }, 2);
    expect(facts).toHaveLength(2);
    expect(facts[0].value).toHaveLength(40);
    expect(facts[0].value.endsWith('…')).toBe(true);
  });

  it('skips lists, nulls and deeper objects', () => {
    expect(caseFacts({ list: [1, 2], none: null, deep: { inner: { x: 1 } } })).toEqual([]);
  });
});
