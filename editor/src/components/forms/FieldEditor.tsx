/**
 * One field of a form in the designer: its key, labels and help in both languages, its type,
 * whether it is required, the limits its type has, its options (a choice), its columns (a table
 * of rows), the case variable its default is read from, and the condition under which it shows
 * (an earlier choice or yes/no field having a value). Moving and removing are the list's.
 */
import { useTranslation } from 'react-i18next';
import { CHOICE_TYPES, COLUMN_TYPES, CONTROL_TYPES, FORM_FIELD_TYPES, LENGTH_TYPES, RANGE_TYPES, type FormColumn, type FormField, type FormOption } from '../../../../language/forms';
import { Field } from '../fields/Field';
import { LocalizedTextFields } from '../fields/LocalizedTextFields';
import { pickText, useTextSide } from '../../i18n/useLocalized';

interface FieldEditorProps {
  field: FormField;
  index: number;
  /** The fields before this one: a condition may look only at those. */
  earlier: FormField[];
  /** The problems the server found at this field, by the rest of their path (`label/zh`, `showWhen/field`). */
  problems: Map<string, string>;
  /** Case variable paths to offer for the default (a process's, when the designer picked one). */
  variables: readonly string[];
  onChange(field: FormField): void;
}

/** A number input whose emptied value removes the limit. */
function NumberInput({ value, onChange, testId, integer }: { value: number | undefined; onChange(v: number | undefined): void; testId: string; integer?: boolean }) {
  return <input type="number" step={integer ? 1 : 'any'} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} data-testid={testId} />;
}

const FIRST_OPTION: FormOption = { value: 'a', label: { zh: '选项一', en: 'Option 1' } };

/** What of a field its new type keeps: limits, options and columns only where the type has them. */
function retyped(field: FormField, type: FormField['type']): FormField {
  const { min, max, minLength, maxLength, options, columns, maxRows, ...rest } = field;
  return {
    ...rest,
    type,
    ...(RANGE_TYPES.has(type) ? { min, max } : {}),
    ...(LENGTH_TYPES.has(type) ? { minLength, maxLength } : {}),
    ...(CHOICE_TYPES.has(type) ? { options: options ?? [FIRST_OPTION] } : {}),
    ...(type === 'table' ? { columns: columns ?? [{ key: 'col1', label: { zh: '列一', en: 'Column 1' }, type: 'text' }], maxRows } : {}),
  };
}

/** The type of a field or a column, among `types`. */
function TypeSelect<T extends string>({ types, value, onChange, error, testId }: { types: readonly T[]; value: T; onChange(type: T): void; error?: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Field label={t('forms.type')} error={error}>
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {types.map((type) => (
          <option key={type} value={type}>
            {t(`forms.types.${type}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The problems under `prefix`, by the rest of their path. */
function within(problems: Map<string, string>, prefix: string): Map<string, string> {
  return new Map([...problems].filter(([path]) => path.startsWith(prefix)).map(([path, message]) => [path.slice(prefix.length), message]));
}

/** A table's columns: each a key, a label in both languages, a type, required, and options for a choice. */
function ColumnsEditor({ columns, onChange, testId, problems }: { columns: FormColumn[]; onChange(columns: FormColumn[]): void; testId: string; problems: Map<string, string> }) {
  const { t } = useTranslation();
  const set = (i: number, column: FormColumn) => onChange(columns.map((c, j) => (j === i ? column : c)));
  const retype = (column: FormColumn, type: FormColumn['type']): FormColumn => {
    const { options, ...rest } = column;
    return { ...rest, type, ...(type === 'choice' ? { options: options ?? [FIRST_OPTION] } : {}) };
  };
  return (
    <fieldset className="form-options form-columns" data-testid={`${testId}-columns`}>
      <legend>{t('forms.columns')}</legend>
      {columns.map((c, i) => {
        const at = `${testId}-column-${i}`;
        const mine = within(problems, `columns/${i}/`);
        return (
          <div key={i} className="form-column">
            <div className="field-pair">
              <Field label={t('forms.columnKey')} error={mine.get('key')}>
                <input value={c.key} onChange={(e) => set(i, { ...c, key: e.target.value })} data-testid={`${at}-key`} />
              </Field>
              <TypeSelect types={COLUMN_TYPES} value={c.type} onChange={(type) => set(i, retype(c, type))} error={mine.get('type')} testId={`${at}-type`} />
            </div>
            <LocalizedTextFields label={t('forms.columnLabel')} value={c.label} onChange={(label) => set(i, { ...c, label: { zh: label?.zh ?? '', en: label?.en ?? '' } })} testId={`${at}-label`} />
            <div className="form-column-bar">
              <label className="check">
                <input type="checkbox" checked={c.required ?? false} onChange={(e) => set(i, { ...c, required: e.target.checked || undefined })} data-testid={`${at}-required`} /> {t('forms.required')}
              </label>
              <button type="button" className="link" disabled={columns.length === 1} onClick={() => onChange(columns.filter((_, j) => j !== i))} data-testid={`${at}-remove`}>
                {t('forms.removeColumn')}
              </button>
            </div>
            {c.type === 'choice' && <OptionsEditor options={c.options ?? []} onChange={(options) => set(i, { ...c, options })} testId={at} problems={mine} />}
          </div>
        );
      })}
      <button type="button" className="link" onClick={() => onChange([...columns, { key: `col${columns.length + 1}`, label: { zh: `列${columns.length + 1}`, en: `Column ${columns.length + 1}` }, type: 'text' }])} data-testid={`${testId}-add-column`}>
        + {t('forms.addColumn')}
      </button>
    </fieldset>
  );
}

function OptionsEditor({ options, onChange, testId, problems }: { options: FormOption[]; onChange(options: FormOption[]): void; testId: string; problems: Map<string, string> }) {
  const { t } = useTranslation();
  const set = (i: number, option: FormOption) => onChange(options.map((o, j) => (j === i ? option : o)));
  return (
    <fieldset className="form-options" data-testid={`${testId}-options`}>
      <legend>{t('forms.options')}</legend>
      {options.map((o, i) => (
        <div key={i} className="form-option">
          <Field label={t('forms.optionValue')} error={problems.get(`options/${i}/value`)}>
            <input value={o.value} onChange={(e) => set(i, { ...o, value: e.target.value })} data-testid={`${testId}-option-${i}-value`} />
          </Field>
          <LocalizedTextFields label={t('forms.optionLabel')} value={o.label} onChange={(label) => set(i, { ...o, label: { zh: label?.zh ?? '', en: label?.en ?? '' } })} testId={`${testId}-option-${i}-label`} />
          <button type="button" className="icon" aria-label={t('forms.removeOption')} title={t('forms.removeOption')} disabled={options.length === 1} onClick={() => onChange(options.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => onChange([...options, { value: `o${options.length + 1}`, label: { zh: `选项${options.length + 1}`, en: `Option ${options.length + 1}` } }])} data-testid={`${testId}-add-option`}>
        + {t('forms.addOption')}
      </button>
    </fieldset>
  );
}

/** The condition: which earlier field, and which of its values shows this one. */
function ConditionEditor({ field, earlier, onChange, testId, problems }: { field: FormField; earlier: FormField[]; onChange(field: FormField): void; testId: string; problems: Map<string, string> }) {
  const { t } = useTranslation();
  const side = useTextSide();
  const controls = earlier.filter((f) => CONTROL_TYPES.has(f.type));
  const when = field.showWhen;
  const control = controls.find((f) => f.key === when?.field);
  const values: { value: string | boolean; label: string }[] =
    control?.type === 'yesNo' ? [{ value: true, label: t('formView.yes') }, { value: false, label: t('formView.no') }] : (control?.options ?? []).map((o) => ({ value: o.value, label: pickText(o.label, side) ?? o.value }));
  const { showWhen: _dropped, ...always } = field;
  const pick = (key: string) => {
    const next = controls.find((f) => f.key === key);
    if (!next) return onChange(always);
    onChange({ ...field, showWhen: { field: key, equals: next.type === 'yesNo' ? true : (next.options?.[0]?.value ?? '') } });
  };
  return (
    <div className="field-pair">
      <Field label={t('forms.showWhen')} hint={controls.length === 0 ? t('forms.noControls') : undefined} error={problems.get('showWhen/field')}>
        <select value={when?.field ?? ''} onChange={(e) => pick(e.target.value)} disabled={controls.length === 0 && !when} data-testid={`${testId}-when-field`}>
          <option value="">{t('forms.always')}</option>
          {controls.map((f) => (
            <option key={f.key} value={f.key}>
              {pickText(f.label, side) ?? f.key}
            </option>
          ))}
        </select>
      </Field>
      {when && (
        <Field label={t('forms.equals')} error={problems.get('showWhen/equals')}>
          <select
            value={JSON.stringify(when.equals)}
            onChange={(e) => onChange({ ...field, showWhen: { field: when.field, equals: JSON.parse(e.target.value) as string | boolean } })}
            data-testid={`${testId}-when-value`}
          >
            {values.map((v) => (
              <option key={String(v.value)} value={JSON.stringify(v.value)}>
                {v.label}
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}

export function FieldEditor({ field, index, earlier, problems, variables, onChange }: FieldEditorProps) {
  const { t } = useTranslation();
  const testId = `form-field-${index}`;
  const set = <K extends keyof FormField>(key: K, value: FormField[K]) => {
    const next = { ...field, [key]: value };
    if (value === undefined) delete next[key];
    onChange(next);
  };
  return (
    <div className="form-field-editor" data-testid={testId}>
      <div className="field-pair">
        <Field label={t('forms.key')} hint={t('forms.keyHint')} error={problems.get('key')}>
          <input value={field.key} onChange={(e) => set('key', e.target.value)} data-testid={`${testId}-key`} />
        </Field>
        <TypeSelect types={FORM_FIELD_TYPES} value={field.type} onChange={(type) => onChange(retyped(field, type))} error={problems.get('type')} testId={`${testId}-type`} />
      </div>
      <LocalizedTextFields label={t('forms.label')} value={field.label} onChange={(label) => set('label', { zh: label?.zh ?? '', en: label?.en ?? '' })} testId={`${testId}-label`} />
      {(problems.get('label/zh') || problems.get('label/en')) && <span className="field-error">{problems.get('label/zh') ?? problems.get('label/en')}</span>}
      <LocalizedTextFields label={t('forms.help')} value={field.help} onChange={(help) => set('help', help && { zh: help.zh ?? '', en: help.en ?? '' })} testId={`${testId}-help`} />
      <label className="check">
        <input type="checkbox" checked={field.required ?? false} onChange={(e) => set('required', e.target.checked || undefined)} data-testid={`${testId}-required`} /> {t('forms.required')}
      </label>
      {RANGE_TYPES.has(field.type) && (
        <div className="field-pair">
          <Field label={t('forms.min')} error={problems.get('min')}>
            <NumberInput value={field.min} onChange={(v) => set('min', v)} testId={`${testId}-min`} integer={field.type === 'integer'} />
          </Field>
          <Field label={t('forms.max')} error={problems.get('max')}>
            <NumberInput value={field.max} onChange={(v) => set('max', v)} testId={`${testId}-max`} integer={field.type === 'integer'} />
          </Field>
        </div>
      )}
      {LENGTH_TYPES.has(field.type) && (
        <div className="field-pair">
          <Field label={t('forms.minLength')} error={problems.get('minLength')}>
            <NumberInput value={field.minLength} onChange={(v) => set('minLength', v)} testId={`${testId}-min-length`} integer />
          </Field>
          <Field label={t('forms.maxLength')} error={problems.get('maxLength')}>
            <NumberInput value={field.maxLength} onChange={(v) => set('maxLength', v)} testId={`${testId}-max-length`} integer />
          </Field>
        </div>
      )}
      {CHOICE_TYPES.has(field.type) && <OptionsEditor options={field.options ?? []} onChange={(options) => set('options', options)} testId={testId} problems={problems} />}
      {problems.get('options') && <span className="field-error">{problems.get('options')}</span>}
      {field.type === 'table' && (
        <>
          <ColumnsEditor columns={field.columns ?? []} onChange={(columns) => set('columns', columns)} testId={testId} problems={problems} />
          {problems.get('columns') && <span className="field-error">{problems.get('columns')}</span>}
          <Field label={t('forms.maxRows')} error={problems.get('maxRows')}>
            <NumberInput value={field.maxRows} onChange={(v) => set('maxRows', v)} testId={`${testId}-max-rows`} integer />
          </Field>
        </>
      )}
      <Field label={t('forms.defaultFrom')} hint={t('forms.defaultFromHint')} error={problems.get('defaultFrom')}>
        <input list={`${testId}-variables`} value={field.defaultFrom ?? ''} onChange={(e) => set('defaultFrom', e.target.value.trim() || undefined)} placeholder="person.phone" data-testid={`${testId}-default-from`} />
        <datalist id={`${testId}-variables`}>
          {variables.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      </Field>
      <ConditionEditor field={field} earlier={earlier} onChange={onChange} testId={testId} problems={problems} />
    </div>
  );
}
