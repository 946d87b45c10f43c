import type { ProcessDefinition } from '../../../workflows/definition/schema';
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
    expect(parseImport(exportText(def))).toEqual({ definition: def });
  });

  it('reports broken JSON', () => {
    expect(parseImport('{"key":')).toEqual({ errors: [expect.any(String)] });
  });

  it('lists schema errors with their paths', () => {
    const result = parseImport(JSON.stringify({ ...def, nodes: [{ id: 'x', type: 'teleport' }] }));
    expect('errors' in result && result.errors[0]).toMatch(/^nodes\.0/);
  });
});
