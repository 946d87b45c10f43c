/**
 * The JSON Schema a task's completion is checked against on the server, derived from a form
 * definition (form-schema.ts): a property per field, the unconditional required ones, and for each
 * conditional field an if/then/else — required (if it says so) while its condition holds, absent
 * while it does not (a hidden field's value would otherwise reach the case through the mapping).
 * The formats it names are registered with the server's ajv (engine/http/json-schema.ts).
 */
import { FILE_REFERENCE_MAX } from './file-reference';
import { FORM_LIMITS, type FormColumn, type FormDefinition, type FormField } from './form-schema';

/** A string that is a resident ID number with a matching check digit (resident-id.ts). */
export const RESIDENT_ID_FORMAT = 'cn-resident-id';
/** A calendar date, YYYY-MM-DD. */
export const DATE_FORMAT = 'form-date';
/** An instant, ISO 8601 with a time zone (what the browser's date-time widget sends). */
export const DATETIME_FORMAT = 'form-datetime';
/** A file reference: a web address or an object-store key (file-reference.ts). */
export const FILE_REFERENCE_FORMAT = 'form-file-reference';
/** A mainland mobile number (11 digits, 1[3-9]…) or a landline with its area code (0xx-xxxxxxx). */
export const PHONE_PATTERN = '^(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$';

type Schema = Record<string, unknown>;

/** What a field's value must be, wherever the field is shown. */
export function valueSchema(field: FormField): Schema {
  switch (field.type) {
    case 'text':
    case 'longText':
      // A present text is not empty: the browser leaves an emptied field out.
      return { type: 'string', minLength: field.minLength ?? 1, maxLength: field.maxLength ?? FORM_LIMITS.textLength };
    case 'number':
    case 'integer':
      return { type: field.type, ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
    case 'date':
      return { type: 'string', format: DATE_FORMAT };
    case 'datetime':
      return { type: 'string', format: DATETIME_FORMAT };
    case 'choice':
      return { type: 'string', enum: optionValues(field) };
    case 'multiChoice':
      return { type: 'array', items: { type: 'string', enum: optionValues(field) }, uniqueItems: true, ...(field.required ? { minItems: 1 } : {}) };
    case 'yesNo':
      return { type: 'boolean' };
    // Marked as personal data (engine/privacy): a completed task's data is masked for whoever may not see it.
    case 'residentId':
      return { type: 'string', format: RESIDENT_ID_FORMAT, 'x-pii': 'id-number' };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN, 'x-pii': 'phone' };
    case 'file':
      return { type: 'string', format: FILE_REFERENCE_FORMAT, maxLength: FILE_REFERENCE_MAX };
    case 'table':
      // Rows of the columns and nothing else; a required table has a row.
      return { type: 'array', items: rowSchema(field.columns ?? []), maxItems: field.maxRows ?? FORM_LIMITS.rows, ...(field.required ? { minItems: 1 } : {}) };
  }
}

/** One row of a table: an object of its columns' cells, each as a field of the column's type would be. */
export function rowSchema(columns: FormColumn[]): Schema {
  return {
    type: 'object',
    properties: Object.fromEntries(columns.map((c) => [c.key, valueSchema(c)])),
    required: columns.filter((c) => c.required).map((c) => c.key),
    additionalProperties: false,
  };
}

function optionValues(field: FormField): string[] {
  return (field.options ?? []).map((o) => o.value);
}

/** The schema that holds while `field`'s condition holds (the field it looks at has the value, or, for a multiple choice, includes it). */
function conditionSchema(form: FormDefinition, field: FormField): Schema {
  const when = field.showWhen!;
  const control = form.fields.find((f) => f.key === when.field);
  const test = control?.type === 'multiChoice' ? { contains: { const: when.equals } } : { const: when.equals };
  return { properties: { [when.field]: test }, required: [when.field] };
}

/** The completion check's schema: the task's data is an object of the form's fields and nothing else. */
export function formJsonSchema(form: FormDefinition): Schema {
  const conditionals = form.fields.filter((f) => f.showWhen);
  return {
    type: 'object',
    properties: Object.fromEntries(form.fields.map((f) => [f.key, valueSchema(f)])),
    required: form.fields.filter((f) => f.required && !f.showWhen).map((f) => f.key),
    additionalProperties: false,
    ...(conditionals.length > 0
      ? {
          allOf: conditionals.map((f) => ({
            if: conditionSchema(form, f),
            then: f.required ? { required: [f.key] } : {},
            else: { properties: { [f.key]: false } },
          })),
        }
      : {}),
  };
}

/** Whether `field` is shown given the data filled so far (its condition holds, and the field it looks at is shown itself). */
export function isShown(form: FormDefinition, field: FormField, data: Record<string, unknown>): boolean {
  const when = field.showWhen;
  if (!when) return true;
  const control = form.fields.find((f) => f.key === when.field);
  if (!control || !isShown(form, control, data)) return false;
  const value = data[when.field];
  return Array.isArray(value) ? value.includes(when.equals) : value === when.equals;
}

/** The keys of the form's fields, for checking a mapping against the form. */
export function fieldKeys(form: FormDefinition): Set<string> {
  return new Set(form.fields.map((f) => f.key));
}
