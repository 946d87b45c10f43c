import type { RJSFSchema } from '@rjsf/utils';
import { errorSchemaOf, taskFormErrors, taskFormValidator } from './taskFormValidator';

const schema: RJSFSchema = {
  type: 'object',
  required: ['visited', 'temperature'],
  properties: {
    visited: { type: 'boolean' },
    temperature: { type: 'number', minimum: 34, maximum: 43 },
    note: { type: 'string', maxLength: 5 },
    phone: { type: 'string', pattern: '^1\\d{10}$' },
    kind: { type: 'string', enum: ['home', 'hotel'] },
    contacts: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
  },
};

describe('the task form validator (no ajv: the CSP forbids eval)', () => {
  test('a good form passes', () => {
    expect(taskFormValidator.isValid(schema, { visited: true, temperature: 36.8, phone: '13800000000', kind: 'home', contacts: [{ name: 'Li' }] }, schema)).toBe(true);
  });

  test('each problem is reported at its field, nested ones included', () => {
    const errors = taskFormErrors(schema, { temperature: 50, note: 'too long', phone: '123', kind: 'tent', contacts: [{}] });
    expect(errors.map((e) => [e.property, e.name])).toEqual([
      ['.visited', 'required'],
      ['.temperature', 'maximum'],
      ['.note', 'maxLength'],
      ['.phone', 'pattern'],
      ['.kind', 'enum'],
      ['.contacts.0.name', 'required'],
    ]);
    expect(taskFormErrors(schema, { visited: 'yes', temperature: 36 }).map((e) => [e.property, e.name])).toEqual([['.visited', 'type']]);
  });

  test("a table's rows: how many, and each row's cells by their types", () => {
    const table: RJSFSchema = {
      type: 'object',
      properties: { rows: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } } } } },
    };
    expect(taskFormErrors(table, { rows: [] }).map((e) => [e.property, e.name])).toEqual([['.rows', 'minItems']]);
    expect(taskFormErrors(table, { rows: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }).map((e) => [e.property, e.name])).toEqual([['.rows', 'maxItems']]);
    expect(taskFormErrors(table, { rows: [{ name: 'a', age: 1.5 }, { age: -1 }] }).map((e) => [e.property, e.name])).toEqual([
      ['.rows.0.age', 'type'],
      ['.rows.1.name', 'required'],
      ['.rows.1.age', 'minimum'],
    ]);
    expect(taskFormErrors(table, { rows: [{ name: 'a', age: 30 }] })).toEqual([]);
  });

  test('errors are grouped by field path for rjsf', () => {
    expect(errorSchemaOf([{ property: '.contacts.0.name', message: 'missing' }, { property: '.note', message: 'too long' }])).toEqual({ contacts: { 0: { name: { __errors: ['missing'] } } }, note: { __errors: ['too long'] } });
  });
});
