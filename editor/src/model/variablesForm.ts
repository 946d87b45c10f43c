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
import { isPersonKey } from './sampleData';

type Schema = Record<string, unknown>;

export interface VariableWords {
  /** A variable's name in the UI language, or undefined when none is known. */
  field(key: string): string | undefined;
  /** The label of a place's or a thing's `name` (a person's is the case fields' `name`). */
  thingName: string;
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

function uiOf(schema: Schema, key: string | undefined, parent: string | undefined, words: VariableWords): UiSchema {
  const ui: UiSchema = {};
  const own = key === 'name' && parent !== undefined && !isPersonKey(parent) ? words.thingName : undefined;
  if (key !== undefined) ui['ui:title'] = bilingual(schema['x-label'], words.side) ?? own ?? words.field(key) ?? key;
  if (Array.isArray(schema.enum)) ui['ui:enumNames'] = schema.enum.map((v) => words.value(String(v)) ?? String(v));
  if (schema['x-pii']) ui['ui:autocomplete'] = 'off';
  if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) if (isObject(v)) ui[k] = uiOf(v, k, key, words);
  if (isObject(schema.items)) {
    ui.items = uiOf(schema.items, undefined, key, words);
    ui['ui:options'] = { orderable: false, copyable: false };
  }
  return ui;
}

/** What rjsf renders for `variables`. */
export function variablesForm(variables: unknown, words: VariableWords): { schema: RJSFSchema; uiSchema: UiSchema } {
  const schema = isObject(variables) ? shown(variables, words) : { type: 'object', properties: {} };
  return { schema: schema as RJSFSchema, uiSchema: { ...uiOf(schema, undefined, undefined, words), 'ui:submitButtonOptions': { norender: true } } };
}
