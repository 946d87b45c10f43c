/**
 * rjsf's validator for a task's form, without ajv. Ajv compiles each schema into code run through
 * `new Function`, which the app's Content-Security-Policy (`script-src 'self'`, no eval) forbids
 * (see expressionFormValidator.ts), and a task's schema comes from the server at run time, so it
 * cannot be compiled ahead either. This checks what a person filling a form trips over (required
 * fields, types, enums, ranges, lengths, patterns, how many rows or items), recursively (a table's rows); the server checks the data
 * against the whole schema on completion and its problems are shown beside the fields.
 */
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidatorType } from '@rjsf/utils';

type Data = Record<string, unknown>;

function typeOk(type: unknown, value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    if (t === undefined) return true;
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'number') return typeof value === 'number' && Number.isFinite(value);
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
    if (t === 'null') return value === null;
    return typeof value === t;
  });
}

function check(schema: RJSFSchema, value: unknown, path: string[], out: RJSFValidationError[]): void {
  const add = (name: string, message: string, params: Record<string, unknown> = {}) => {
    const property = path.length ? `.${path.join('.')}` : '';
    out.push({ name, property, message, params, stack: `${property} ${message}`.trim(), schemaPath: '' });
  };
  if (value === undefined) return;
  if (!typeOk(schema.type, value)) return add('type', `must be ${String(schema.type)}`, { type: schema.type });
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) add('enum', 'must be one of the allowed values');
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) add('minimum', `must be >= ${schema.minimum}`, { limit: schema.minimum });
    if (schema.maximum !== undefined && value > schema.maximum) add('maximum', `must be <= ${schema.maximum}`, { limit: schema.maximum });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) add('minLength', `must have at least ${schema.minLength} characters`, { limit: schema.minLength });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) add('maxLength', `must have at most ${schema.maxLength} characters`, { limit: schema.maxLength });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) add('pattern', 'is not in the expected form', { pattern: schema.pattern });
  }
  if (Array.isArray(value)) {
    // A table's rows, a multiple choice's selection.
    if (schema.minItems !== undefined && value.length < schema.minItems) add('minItems', `must have at least ${schema.minItems} items`, { limit: schema.minItems });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) add('maxItems', `must have at most ${schema.maxItems} items`, { limit: schema.maxItems });
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    value.forEach((item, i) => check(schema.items as RJSFSchema, item, [...path, String(i)], out));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const data = value as Data;
    for (const name of schema.required ?? []) if (data[name] === undefined) add('required', `must have required property '${name}'`, { missingProperty: name });
    for (const [name, sub] of Object.entries(schema.properties ?? {})) if (typeof sub === 'object') check(sub as RJSFSchema, data[name], [...path, name], out);
  }
}

export function taskFormErrors(schema: RJSFSchema, data: unknown): RJSFValidationError[] {
  const errors: RJSFValidationError[] = [];
  check(schema, data ?? {}, [], errors);
  // A missing required field is reported at the field, as rjsf's own validator does.
  return errors.map((e) => (e.name === 'required' ? { ...e, property: `${e.property}.${String(e.params.missingProperty)}` } : e));
}

/** Errors by field path (`.a.b` → { a: { b: { __errors } } }), as rjsf shows them beside each field. */
export function errorSchemaOf(errors: { property?: string; message?: string }[]): ErrorSchema<Data> {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    if (!e.message) continue;
    let node = root;
    for (const part of (e.property ?? '').split('.').filter(Boolean)) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(e.message);
  }
  return root as ErrorSchema<Data>;
}

/**
 * The validator, with `more` checks of the whole form than its schema says (a designed form's
 * resident ID check digit). Only the form's validation asks them: rjsf also asks isValid of parts
 * of the schema, to pick among options.
 */
export function taskFormValidatorWith(more: (data: Data) => RJSFValidationError[]): ValidatorType<Data> {
  return {
    validateFormData(formData, schema, _customValidate, transformErrors, uiSchema) {
      const errors = [...taskFormErrors(schema, formData), ...more(formData ?? {})];
      const shown = transformErrors ? transformErrors(errors, uiSchema) : errors;
      return { errors: shown, errorSchema: errorSchemaOf(shown) };
    },
    isValid: (schema, formData) => taskFormErrors(schema, formData).length === 0,
    rawValidation: (schema, formData) => ({ errors: taskFormErrors(schema, formData) as never[] }),
  };
}

export const taskFormValidator = taskFormValidatorWith(() => []);
