import { schemaProblems } from './json-schema';

test('ajv problems are located under the prefix, a field name holding / or ~ as one escaped segment', () => {
  const schema = {
    type: 'object',
    properties: { 'a/b': { type: 'object', properties: { n: { type: 'number' } } } },
    required: ['x~y'],
  };
  expect(schemaProblems(schema, { 'a/b': { n: 'one' } }, 'input')).toEqual([
    { path: 'input/x~0y', code: 'schema_required', message: expect.any(String) },
    { path: 'input/a~1b/n', code: 'schema_type', message: expect.any(String) },
  ]);
});
