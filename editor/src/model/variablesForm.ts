/**
 * The form rjsf renders for a process's variable schema (a test case's input): each field labelled
 * by its name in the UI language (the case fields the case list also names, else the key), each
 * allowed value by its name (the case values), personal fields without the browser's autofill.
 * Alternatives that only say which fields are required (`oneOf: [{required: [pupil]}, …]`) are not
 * drawn as a selector: the server checks them when the case starts and names the field.
 * A variable may carry its words in both languages as activity inputs do (`x-label`,
 * `x-description`: { zh, en }); a plain `description` is English (for API readers), so it is shown
 * only in the English UI.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { pickText, type TextSide } from '../i18n/useLocalized';

type Schema = Record<string, unknown>;

export interface VariableWords {
  /** A variable's name in the UI language, or undefined when none is known. */
  field(key: string): string | undefined;
  /** An allowed value's name in the UI language, or undefined. */
  value(value: string): string | undefined;
  side: TextSide;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const bilingual = (v: unknown, side: TextSide): string | undefined => (isObject(v) ? pickText(v as { zh?: string; en?: string }, side) : undefined);

/** Alternatives that only require fields: nothing to choose in a form. */
const onlyRequires = (options: unknown): boolean => Array.isArray(options) && options.every((o) => isObject(o) && Object.keys(o).every((k) => k === 'required'));

function shown(schema: Schema, words: VariableWords): Schema {
  const out: Schema = { ...schema };
  for (const key of ['oneOf', 'anyOf']) if (onlyRequires(out[key])) delete out[key];
  const description = bilingual(schema['x-description'], words.side) ?? (words.side === 'en' ? schema.description : undefined);
  if (description === undefined) delete out.description;
  else out.description = description;
  if (isObject(out.properties)) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, isObject(v) ? shown(v, words) : v]));
  if (isObject(out.items)) out.items = shown(out.items, words);
  return out;
}

function uiOf(schema: Schema, key: string | undefined, words: VariableWords): UiSchema {
  const ui: UiSchema = {};
  if (key !== undefined) ui['ui:title'] = bilingual(schema['x-label'], words.side) ?? words.field(key) ?? key;
  if (Array.isArray(schema.enum)) ui['ui:enumNames'] = schema.enum.map((v) => words.value(String(v)) ?? String(v));
  if (schema['x-pii']) ui['ui:autocomplete'] = 'off';
  if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) if (isObject(v)) ui[k] = uiOf(v, k, words);
  if (isObject(schema.items)) {
    ui.items = uiOf(schema.items, undefined, words);
    ui['ui:options'] = { orderable: false, copyable: false };
  }
  return ui;
}

/** What rjsf renders for `variables`. */
export function variablesForm(variables: unknown, words: VariableWords): { schema: RJSFSchema; uiSchema: UiSchema } {
  const schema = isObject(variables) ? shown(variables, words) : { type: 'object', properties: {} };
  return { schema: schema as RJSFSchema, uiSchema: { ...uiOf(schema, undefined, words), 'ui:submitButtonOptions': { norender: true } } };
}
