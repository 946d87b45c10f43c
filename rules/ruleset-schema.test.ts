import { ruleSetSchema } from './ruleset-schema';
import { asInput, rulesSet, tableSet } from './test-support';

const valid = rulesSet([{ conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 18 }] }, event: { type: 'adult' } }]);
const issues = (input: unknown) => {
  const result = ruleSetSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('/'));
};

describe('ruleSetSchema', () => {
  it('accepts both kinds', () => {
    expect(issues(valid)).toEqual([]);
    expect(issues(tableSet({ hitPolicy: 'first', columns: [{ fact: 'age', operator: 'equal' }], rows: [{ cells: [null], outcome: 'x' }] }))).toEqual([]);
  });

  it('checks fact defaults and enum values against the declared type', () => {
    const input = asInput(valid);
    input.facts = {
      age: { type: 'number', default: 'old' },
      code: { type: 'string', enum: ['green', 3], default: 'blue' },
      at: { type: 'datetime', default: 'not a date' },
    };
    expect(issues(input)).toEqual(['facts/age/default', 'facts/code/enum/1', 'facts/code/default', 'facts/at/default']);
  });

  it('reads an object with "fact" in params as a reference, which takes only fact and path', () => {
    const input = asInput(valid);
    (input.rules as { event: unknown }[])[0].event = { type: 'x', params: { a: { fact: 'age', path: 'x' }, b: { fact: 'age', other: 1 }, c: { nested: { fact: 1 } } } };
    expect(issues(input)).toEqual(['rules/0/event/params/b']);
  });

  it('requires a rule to start with all, any, not or a named condition', () => {
    const input = asInput(valid);
    (input.rules as { conditions: unknown }[])[0].conditions = { fact: 'age', operator: 'equal', value: 1 };
    expect(issues(input)).toEqual(['rules/0/conditions']);
  });

  it('keeps rules and table apart by kind', () => {
    expect(issues({ ...asInput(valid), kind: 'table' })).toContain('table');
    expect(issues({ ...asInput(valid), kind: 'other' })).toEqual(['kind']);
  });
});
