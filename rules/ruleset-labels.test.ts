import { ruleSetSchema } from './ruleset-schema';
import { asInput, rulesSet, tableSet } from './test-support';

const issues = (input: unknown) => {
  const result = ruleSetSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('/'));
};

describe('labels in both languages', () => {
  it('a rule, a row, a fact and each enum value may carry one, kept through a parse', () => {
    const input = asInput(rulesSet([{ label: { zh: '成年人', en: 'Adult' }, conditions: { all: [{ fact: 'code', operator: 'equal', value: 'red' }] }, event: { type: 'adult' } }]));
    input.facts = {
      code: { type: 'string', enum: ['red', 'green'], label: { zh: '健康码', en: 'Health code' }, enumLabels: { red: { zh: '红码', en: 'Red' }, green: { zh: '绿码', en: 'Green' } } },
    };
    const parsed = ruleSetSchema.parse(input);
    expect(parsed.facts.code.enumLabels?.red).toEqual({ zh: '红码', en: 'Red' });
    expect(parsed.kind === 'rules' && parsed.rules[0].label).toEqual({ zh: '成年人', en: 'Adult' });
    const table = tableSet({ hitPolicy: 'first', columns: [{ fact: 'age', operator: 'equal' }], rows: [{ label: { zh: '其他', en: 'Others' }, cells: [null], outcome: 'x' }] });
    expect(issues(table)).toEqual([]);
  });

  it('refuses a label of a value the enum does not list, a count of values without an enum, and a label missing a language', () => {
    const input = asInput(rulesSet([{ conditions: { all: [{ fact: 'code', operator: 'equal', value: 'red' }] }, event: { type: 'x' } }]));
    (input.rules as Record<string, unknown>[])[0].label = { zh: '只有中文' };
    input.facts = {
      code: { type: 'string', enum: ['red'], enumLabels: { blue: { zh: '蓝码', en: 'Blue' } } },
      group: { type: 'string', enumTotal: 46 },
    };
    expect(issues(input)).toEqual(['facts/code/enumLabels/blue', 'facts/group/enumTotal', 'rules/0/label/en']);
  });
});
