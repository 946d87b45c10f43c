/**
 * Validation of a form definition: the schema (form-schema.ts), then what a schema cannot say —
 * keys unique, limits only where the type has them and in order, options exactly for choices
 * (and choice columns), columns exactly for tables, and each condition on an earlier field that can take the value it names. Every problem at
 * once, each with its path (`fields/2/showWhen/field`).
 */
import { pathOf, type Problem } from '../problem';
import { CHOICE_TYPES, CONTROL_TYPES, formDefinition, LENGTH_TYPES, RANGE_TYPES, type FormColumn, type FormDefinition, type FormField, type FormOption } from './form-schema';

const TABLE_TYPES: ReadonlySet<string> = new Set(['table']);

export function validateForm(input: unknown): Problem[] {
  const parsed = formDefinition.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: pathOf(i.path), code: 'invalid_schema', message: i.message }));
  return formProblems(parsed.data);
}

function fieldProblems(field: FormField, i: number, earlier: ReadonlyMap<string, FormField>): Problem[] {
  const problems: Problem[] = [];
  const at = (...rest: PropertyKey[]) => pathOf(['fields', i, ...rest]);
  const misplaced = (prop: keyof FormField, allowed: ReadonlySet<string>, what: string) => {
    if (field[prop] !== undefined && !allowed.has(field.type)) problems.push({ path: at(prop), code: 'not_for_type', message: `only ${what} have ${prop}` });
  };
  misplaced('min', RANGE_TYPES, 'numbers');
  misplaced('max', RANGE_TYPES, 'numbers');
  misplaced('minLength', LENGTH_TYPES, 'texts');
  misplaced('maxLength', LENGTH_TYPES, 'texts');
  misplaced('options', CHOICE_TYPES, 'choices');
  misplaced('columns', TABLE_TYPES, 'tables');
  misplaced('maxRows', TABLE_TYPES, 'tables');
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) problems.push({ path: at('max'), code: 'bad_range', message: 'is below min' });
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) problems.push({ path: at('maxLength'), code: 'bad_range', message: 'is below minLength' });
  if (CHOICE_TYPES.has(field.type)) problems.push(...optionProblems(field.options, at));
  if (field.type === 'table') {
    if (!field.columns) problems.push({ path: at('columns'), code: 'columns_required', message: 'a table needs columns' });
    const keys = new Set<string>();
    field.columns?.forEach((column, j) => {
      if (keys.has(column.key)) problems.push({ path: at('columns', j, 'key'), code: 'duplicate_key', message: `'${column.key}' is already a column` });
      keys.add(column.key);
      problems.push(...columnProblems(column, (...rest) => at('columns', j, ...rest)));
    });
  }
  if (field.showWhen) problems.push(...conditionProblems(field.showWhen, earlier, at));
  return problems;
}

/** A choice's options: there are some, and no value twice. */
function optionProblems(options: FormOption[] | undefined, at: (...rest: PropertyKey[]) => string): Problem[] {
  if (!options) return [{ path: at('options'), code: 'options_required', message: 'a choice needs options' }];
  const seen = new Set<string>();
  return options.flatMap((o, j) => {
    const twice = seen.has(o.value);
    seen.add(o.value);
    return twice ? [{ path: at('options', j, 'value'), code: 'duplicate_option', message: `'${o.value}' is already an option` }] : [];
  });
}

/** A column has options exactly when it is a choice. */
function columnProblems(column: FormColumn, at: (...rest: PropertyKey[]) => string): Problem[] {
  if (column.type === 'choice') return optionProblems(column.options, at);
  return column.options ? [{ path: at('options'), code: 'not_for_type', message: 'only choices have options' }] : [];
}

/** A condition names an earlier field (so conditions never go round in a circle) whose value can be `equals`. */
function conditionProblems(when: NonNullable<FormField['showWhen']>, earlier: ReadonlyMap<string, FormField>, at: (...rest: PropertyKey[]) => string): Problem[] {
  const control = earlier.get(when.field);
  if (!control) return [{ path: at('showWhen', 'field'), code: 'unknown_field', message: `'${when.field}' is not a field before this one` }];
  if (!CONTROL_TYPES.has(control.type)) return [{ path: at('showWhen', 'field'), code: 'bad_condition_field', message: `'${when.field}' is a ${control.type}: a condition looks at a choice or a yes/no` }];
  const possible = control.type === 'yesNo' ? typeof when.equals === 'boolean' : (control.options ?? []).some((o) => o.value === when.equals);
  return possible ? [] : [{ path: at('showWhen', 'equals'), code: 'impossible_condition', message: `'${String(when.equals)}' is not a value '${when.field}' can take` }];
}

/** The checks beyond the schema, on a definition the schema accepted. */
export function formProblems(form: FormDefinition): Problem[] {
  const earlier = new Map<string, FormField>();
  const problems: Problem[] = [];
  form.fields.forEach((field, i) => {
    if (earlier.has(field.key)) problems.push({ path: pathOf(['fields', i, 'key']), code: 'duplicate_key', message: `'${field.key}' is already a field` });
    problems.push(...fieldProblems(field, i, earlier));
    earlier.set(field.key, field);
  });
  return problems;
}
