/**
 * What rjsf renders for a designed form (language/forms), derived from the same definition the
 * server derives its completion check from: the fields shown given the data so far (a field whose
 * condition does not hold is left out, and so is its value), their labels and help in the user's
 * language, the widgets their types call for, and the checks the browser can make before sending
 * (the resident ID's check digit among them). The task page and the designer's preview both
 * render through this, so the preview is the form the operator sees.
 */
import type { RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { FILE_REFERENCE_MAX, fileReferenceFault, isShown, PHONE_PATTERN, residentIdFault, valueSchema, type FileReferenceFault, type FormDefinition, type FormField, type ResidentIdFault } from '../../../language/forms';
import { pickText, type TextSide } from '../i18n/useLocalized';

type Data = Record<string, unknown>;

/** The words a rendered form needs in the user's language. */
export interface FormWords {
  yes: string;
  no: string;
}

function fieldSchema(field: FormField, side: TextSide, words: FormWords): RJSFSchema {
  const title = pickText(field.label, side);
  const description = pickText(field.help, side);
  const common = { title, ...(description ? { description } : {}) };
  const options = (field.options ?? []).map((o) => ({ const: o.value, title: pickText(o.label, side) }));
  switch (field.type) {
    case 'choice':
      return { ...common, type: 'string', oneOf: options };
    case 'multiChoice':
      return { ...common, type: 'array', uniqueItems: true, items: { type: 'string', oneOf: options } };
    case 'yesNo':
      return { ...common, type: 'boolean', oneOf: [{ const: true, title: words.yes }, { const: false, title: words.no }] };
    case 'date':
      return { ...common, type: 'string', format: 'date' };
    case 'datetime':
      return { ...common, type: 'string', format: 'date-time' };
    case 'residentId':
      // Its check digit is checked by residentIdErrors, with a message in the user's language.
      return { ...common, type: 'string', maxLength: 18 };
    case 'phone':
      return { ...common, type: 'string', pattern: PHONE_PATTERN };
    case 'file':
      // Its form is checked by fieldErrors, with a message in the user's language.
      return { ...common, type: 'string', maxLength: FILE_REFERENCE_MAX };
    case 'table': {
      const columns = field.columns ?? [];
      const row: RJSFSchema = {
        type: 'object',
        properties: Object.fromEntries(columns.map((c) => [c.key, fieldSchema(c, side, words)])),
        required: columns.filter((c) => c.required).map((c) => c.key),
      };
      return { ...common, type: 'array', items: row, ...(field.required ? { minItems: 1 } : {}), maxItems: (valueSchema(field) as RJSFSchema).maxItems };
    }
    default: {
      // Texts and numbers: the server's own limits (minimum, maximum, lengths).
      const { type, minimum, maximum, minLength, maxLength } = valueSchema(field) as RJSFSchema;
      return { ...common, type, minimum, maximum, minLength, maxLength };
    }
  }
}

const WIDGETS: Partial<Record<FormField['type'], UiSchema>> = {
  longText: { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } },
  choice: { 'ui:widget': 'radio' },
  multiChoice: { 'ui:widget': 'checkboxes' },
  yesNo: { 'ui:widget': 'radio', 'ui:options': { inline: true } },
  residentId: { 'ui:autocomplete': 'off' },
  phone: { 'ui:options': { inputType: 'tel' } },
  file: { 'ui:placeholder': 'https://… · oss://bucket/key', 'ui:options': { inputType: 'url' } },
};

/** What rjsf needs to know of a field beyond its widget: a table's rows are added and removed, not moved or copied, and its cells have their widgets. */
function fieldUi(field: FormField, side: TextSide): UiSchema {
  const ui: UiSchema = { ...WIDGETS[field.type], 'ui:title': pickText(field.label, side) };
  if (field.type !== 'table') return ui;
  const cells = Object.fromEntries((field.columns ?? []).map((c) => [c.key, { ...WIDGETS[c.type], 'ui:title': pickText(c.label, side) }]));
  return { ...ui, 'ui:options': { orderable: false, copyable: false }, items: { 'ui:order': (field.columns ?? []).map((c) => c.key), ...cells } };
}

/**
 * How rjsf fills a form before anyone types: not at all. Left to itself it starts a yes/no field
 * (and a table row's yes/no cell) at its first option's value, or at `false` once told not to (a
 * field shown on "no" then appeared before anything was chosen): a person must answer it, and a
 * required one left unanswered is refused.
 */
export const FORM_STATE_BEHAVIOR = { emptyObjectFields: 'skipDefaults', constAsDefaults: 'never' } as const;

/** `data` with what the form starts with besides: a first row in each required table shown (rjsf's own defaults being off). */
export function startingData(form: FormDefinition, data: Data): Data {
  const empty = shownFields(form, data).filter((f) => f.type === 'table' && f.required && data[f.key] === undefined);
  return empty.length ? { ...data, ...Object.fromEntries(empty.map((f) => [f.key, [{}]])) } : data;
}

/** The fields shown given `data`. */
export function shownFields(form: FormDefinition, data: Data): FormField[] {
  return form.fields.filter((f) => isShown(form, f, data));
}

/** `data` without the values of fields not shown (the server refuses them). */
export function shownData(form: FormDefinition, data: Data): Data {
  const shown = new Set(shownFields(form, data).map((f) => f.key));
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => shown.has(k) && v !== undefined));
}

/** The schema and UI schema rjsf renders for the fields shown given `data`. */
export function renderedForm(form: FormDefinition, data: Data, side: TextSide, words: FormWords): { schema: RJSFSchema; uiSchema: UiSchema } {
  const fields = shownFields(form, data);
  const schema: RJSFSchema = {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f, side, words)])),
    required: fields.filter((f) => f.required).map((f) => f.key),
  };
  const uiSchema: UiSchema = {
    'ui:order': fields.map((f) => f.key),
    'ui:submitButtonOptions': { norender: true },
    ...Object.fromEntries(fields.map((f) => [f.key, fieldUi(f, side)])),
  };
  return { schema, uiSchema };
}

/** A check the browser makes beyond the schema, with the fault to word. */
export type FieldFault = { check: 'residentId'; fault: ResidentIdFault } | { check: 'fileReference'; fault: FileReferenceFault };

function faultOf(field: FormField, value: unknown): FieldFault | undefined {
  if (typeof value !== 'string') return undefined;
  if (field.type === 'residentId') {
    const fault = residentIdFault(value);
    return fault && { check: 'residentId', fault };
  }
  if (field.type === 'file') {
    const fault = fileReferenceFault(value);
    return fault && { check: 'fileReference', fault };
  }
  return undefined;
}

/**
 * The fields shown whose value fails a check the schema cannot say (a resident ID's check digit,
 * a file reference's form), as rjsf errors whose message `say` words.
 */
export function fieldErrors(form: FormDefinition, data: Data, say: (fault: FieldFault) => string): RJSFValidationError[] {
  return shownFields(form, data).flatMap((f) => {
    const fault = faultOf(f, data[f.key]);
    return fault ? [{ name: fault.check, property: `.${f.key}`, message: say(fault), stack: `.${f.key} ${say(fault)}`, params: { fault: fault.fault } }] : [];
  });
}
