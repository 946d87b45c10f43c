import { expressionFormSchema } from './activityForm';
import { expressionFormValidator } from './expressionFormValidator';

describe('activity input form validator (no eval, so it runs under the CSP)', () => {
  const { schema } = expressionFormSchema({ type: 'object', properties: { message: { type: 'string' }, level: { enum: ['info', 'warn'] } }, required: ['message'] });

  it('reports a required input left blank at its field, through transformErrors', () => {
    const result = expressionFormValidator.validateFormData({ level: '"info"' }, schema, undefined, (errors) =>
      errors.map((e) => (e.name === 'required' ? { ...e, message: 'required' } : e)),
    );
    expect(result.errors).toEqual([expect.objectContaining({ name: 'required', property: '.message', message: 'required' })]);
    expect(result.errorSchema).toEqual({ message: { __errors: ['required'] } });
    expect(expressionFormValidator.isValid(schema, { level: '"info"' }, schema)).toBe(false);
  });

  it('accepts filled expressions, and refuses a value that is not an expression string', () => {
    expect(expressionFormValidator.validateFormData({ message: '"hi"' }, schema).errors).toEqual([]);
    expect(expressionFormValidator.isValid(schema, { message: '"hi"', level: '"warn"' }, schema)).toBe(true);
    expect(expressionFormValidator.rawValidation(schema, { message: 3 }).errors).toEqual([expect.objectContaining({ name: 'type', property: '.message' })]);
  });
});
