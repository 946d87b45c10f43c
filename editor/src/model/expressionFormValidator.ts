/**
 * rjsf's validator for the activity input form, without ajv. Ajv compiles each schema into
 * code run through `new Function`, which the app's Content-Security-Policy (`script-src 'self'`,
 * no eval) forbids: under it every live validation failed to compile. The form's schema is
 * always an object of expression strings, some required (activityForm.ts), so that is all
 * this checks; the engine's validator checks the expressions themselves.
 */
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidatorType } from '@rjsf/utils';

type FormData = Record<string, unknown>;

/** The errors ajv would report for the form's schema, shaped as rjsf's ajv validator shapes them. */
function formErrors(schema: RJSFSchema, data: FormData | undefined): RJSFValidationError[] {
  const values = data ?? {};
  const errors: RJSFValidationError[] = [];
  for (const name of schema.required ?? []) {
    if (values[name] === undefined) {
      const message = `must have required property '${name}'`;
      errors.push({ name: 'required', property: `.${name}`, message, params: { missingProperty: name }, stack: message, schemaPath: '#/required' });
    }
  }
  for (const name of Object.keys(schema.properties ?? {})) {
    if (values[name] !== undefined && typeof values[name] !== 'string') {
      errors.push({ name: 'type', property: `.${name}`, message: 'must be string', params: { type: 'string' }, stack: `.${name} must be string`, schemaPath: `#/properties/${name}/type` });
    }
  }
  return errors;
}

/** Errors by field, as rjsf shows them beside each field (the form is flat: `.name` is the field). */
function byField(errors: RJSFValidationError[]): ErrorSchema<FormData> {
  const schema: Record<string, { __errors: string[] }> = {};
  for (const e of errors) {
    const field = (e.property ?? '').replace(/^\./, '');
    if (field && e.message) (schema[field] ??= { __errors: [] }).__errors.push(e.message);
  }
  return schema as ErrorSchema<FormData>;
}

/** The validator to give the activity input form's `<Form validator>`. */
export const expressionFormValidator: ValidatorType<FormData> = {
  validateFormData(formData, schema, _customValidate, transformErrors, uiSchema) {
    const errors = formErrors(schema, formData);
    const shown = transformErrors ? transformErrors(errors, uiSchema) : errors;
    return { errors: shown, errorSchema: byField(shown) };
  },
  isValid: (schema, formData) => formErrors(schema, formData).length === 0,
  rawValidation: (schema, formData) => ({ errors: formErrors(schema, formData) as never[] }),
};
