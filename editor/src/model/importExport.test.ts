import { ruleSetSchema } from '../../../rules/ruleset-schema';
import { processDefinition, type ProcessDefinition } from '../../../workflows/definition/schema';
import { exportText, parseImport } from './importExport';

const def: ProcessDefinition = {
  key: 'school-absence',
  name: { zh: '因病缺勤登记', en: 'School sickness absence' },
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'end', type: 'end' },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'end' }],
};

describe('import / export', () => {
  it('reads back what it exports', () => {
    expect(parseImport(exportText(def), processDefinition)).toEqual({ definition: def });
  });

  it('reports broken JSON', () => {
    expect(parseImport('{"key":', processDefinition)).toEqual({ errors: [expect.any(String)] });
  });

  it('lists schema errors with their paths', () => {
    const result = parseImport(JSON.stringify({ ...def, nodes: [{ id: 'x', type: 'teleport' }] }), processDefinition);
    expect('errors' in result && result.errors[0]).toMatch(/^nodes\.0/);
  });

  it('reads a rule set against its own schema: a process file is refused as one', () => {
    const rules = { key: 'adult', name: { zh: '成年', en: 'Adult' }, kind: 'rules', facts: { age: { type: 'number' } }, rules: [{ conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] }, event: { type: 'adult' } }] };
    expect(parseImport(exportText(rules), ruleSetSchema)).toEqual({ definition: rules });
    expect('errors' in parseImport(exportText(def), ruleSetSchema)).toBe(true);
  });
});
