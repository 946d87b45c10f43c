/**
 * A task form as a designer builds it: ordered fields, each with a key, a label in both
 * languages, a type, limits, help, optionally a condition on an earlier field and a default read
 * from a case variable; a table of rows has typed columns. This zod
 * schema is the one source of truth: the server's completion check (form-json-schema.ts), the
 * task page and the designer's preview (editor/src/model/formRender.ts) are derived from it.
 */
import { z } from 'zod';
import { resourceKey } from '../identifiers';
import { localizedText } from '../localized-text';

export const FORM_LIMITS = { fields: 100, options: 100, textLength: 10_000, columns: 20, rows: 500 } as const;

export const FORM_FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'integer',
  'date',
  'datetime',
  'choice',
  'multiChoice',
  'yesNo',
  'residentId',
  'phone',
  'file',
  'table',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Types whose value is chosen from the field's options. */
export const CHOICE_TYPES: ReadonlySet<FormFieldType> = new Set(['choice', 'multiChoice']);
/** Types a condition may look at: a value out of a known few. */
export const CONTROL_TYPES: ReadonlySet<FormFieldType> = new Set(['choice', 'multiChoice', 'yesNo']);
/** Types with a value range (min, max). */
export const RANGE_TYPES: ReadonlySet<FormFieldType> = new Set(['number', 'integer']);
/** Types with a length range (minLength, maxLength). */
export const LENGTH_TYPES: ReadonlySet<FormFieldType> = new Set(['text', 'longText']);

/** Types a table's column may have: what a row's cell holds. */
export const COLUMN_TYPES = ['text', 'number', 'integer', 'date', 'yesNo', 'choice'] as const satisfies readonly FormFieldType[];
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** A field's key: the property its value has in the task's data, and what a mapping names. */
export const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must start with a letter and use only letters, digits and _ (at most 64)');

export const formOption = z.object({ value: z.string().min(1).max(100), label: localizedText }).strict();
export type FormOption = z.infer<typeof formOption>;

/** The field is shown, and required if it says so, only while field `field` has the value `equals` (for a multiple choice: includes it). */
export const showWhen = z.object({ field: fieldKey, equals: z.union([z.string().min(1).max(100), z.boolean()]) }).strict();
export type ShowWhen = z.infer<typeof showWhen>;

/**
 * A case variable's path (`person.phone`): the field's default, read from the case when its task
 * is shown (engine/forms/form-defaults.ts).
 */
export const variablePath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*){0,9}$/, 'must be a variable path: names joined by dots, e.g. person.phone');

/** A column of a table of rows: its key in each row, its label, its type, and options for a choice. */
export const formColumn = z
  .object({
    key: fieldKey,
    label: localizedText,
    type: z.enum(COLUMN_TYPES),
    required: z.boolean().optional(),
    options: z.array(formOption).min(1).max(FORM_LIMITS.options).optional(),
  })
  .strict();
export type FormColumn = z.infer<typeof formColumn>;

const helpText = z.object({ zh: z.string().max(500), en: z.string().max(500) }).strict();

export const formField = z
  .object({
    key: fieldKey,
    label: localizedText,
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean().optional(),
    help: helpText.optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    minLength: z.number().int().min(0).max(FORM_LIMITS.textLength).optional(),
    maxLength: z.number().int().min(1).max(FORM_LIMITS.textLength).optional(),
    options: z.array(formOption).min(1).max(FORM_LIMITS.options).optional(),
    showWhen: showWhen.optional(),
    defaultFrom: variablePath.optional(),
    columns: z.array(formColumn).min(1).max(FORM_LIMITS.columns).optional(),
    maxRows: z.number().int().min(1).max(FORM_LIMITS.rows).optional(),
  })
  .strict();
export type FormField = z.infer<typeof formField>;

export const formDefinition = z
  .object({
    key: resourceKey,
    name: localizedText,
    description: z.string().max(2000).optional(),
    fields: z.array(formField).min(1).max(FORM_LIMITS.fields),
  })
  .strict();
export type FormDefinition = z.infer<typeof formDefinition>;
