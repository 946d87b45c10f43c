/**
 * The activity input form: every declared input becomes a field holding JSONata source (a typed
 * value stored as its literal, or an expression over the case variables, components/fields/
 * TypedInput), labelled and described in the UI language and hinted with the type the activity expects.
 */
import { describeType, type JsonSchema } from '../../../workflows/definition/input-types';
import { pickText, type TextSide } from '../i18n/useLocalized';

export { describeType };

export interface ExpressionFormSchema {
  schema: { type: 'object'; properties: Record<string, JsonSchema>; required?: string[] };
  /** Per input: what value the activity expects, e.g. `string`, `integer ≥ 1`, `"sms" | "call"`. */
  hints: Record<string, string>;
}

type Bilingual = { zh?: string; en?: string };

const bilingual = (v: unknown): Bilingual | undefined => (v && typeof v === 'object' ? (v as Bilingual) : undefined);

/**
 * An input's label in the UI language: the declaration's `x-label` ({zh, en}, see
 * engine/activities/field-text.ts), else its JSON Schema title, else its name.
 */
export function inputLabel(prop: JsonSchema | undefined, name: string, side: TextSide): string {
  return pickText(bilingual(prop?.['x-label']), side) ?? (typeof prop?.title === 'string' ? prop.title : name);
}

/** An input's description in the UI language (`x-description`), else the declared English one. */
export function inputDescription(prop: JsonSchema, side: TextSide): string | undefined {
  return pickText(bilingual(prop['x-description']), side) ?? (typeof prop.description === 'string' ? prop.description : undefined);
}

/** A choice's label in the UI language (`x-choices`), else the value itself. */
export function choiceLabel(prop: JsonSchema, value: string, side: TextSide): string {
  const labels = prop['x-choices'] && typeof prop['x-choices'] === 'object' ? (prop['x-choices'] as Record<string, unknown>) : {};
  return pickText(bilingual(labels[value]), side) ?? value;
}

const TYPE_WORDS = /\b(string|integer|number|boolean|object|array|null|any)\b/g;

/**
 * What an input expects, in the UI language: the choices by their labels, else the declared type
 * with its type names put into words by `word` (bounds and formats as declared).
 */
export function typeHint(prop: JsonSchema, side: TextSide, word: (type: string) => string): string {
  if (Array.isArray(prop.enum)) return prop.enum.map((v) => choiceLabel(prop, String(v), side)).join(' | ');
  if ('const' in prop) return JSON.stringify(prop.const);
  return describeType(prop).replace(TYPE_WORDS, (w) => word(w));
}

export function expressionFormSchema(inputSchema: JsonSchema, side: TextSide = 'en'): ExpressionFormSchema {
  const declared = (inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = {};
  const hints: Record<string, string> = {};
  for (const [name, prop] of Object.entries(declared)) {
    const description = inputDescription(prop, side);
    properties[name] = { type: 'string', title: inputLabel(prop, name, side), ...(description ? { description } : {}) };
    hints[name] = describeType(prop);
  }
  const required = Array.isArray(inputSchema.required) ? (inputSchema.required as string[]).filter((r) => r in properties) : [];
  return { schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }, hints };
}

/** The form's data as an input mapping: blank fields are not mapped at all. */
export function toInputMapping(formData: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const entries = Object.entries(formData ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
