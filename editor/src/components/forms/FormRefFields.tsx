/**
 * A task's designed form in the process editor: which published form (and pinned version, if
 * any), and which of its fields go into which case variables. The fields offered are those of
 * the version the task would open with now (the pinned one, else the latest); the server checks
 * the mapping again when the process is saved and published.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskFormRef } from '../../../../workflows/definition/schema';
import { formApi, listForms, type FormDefinition } from '../../api/forms';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { Field } from '../fields/Field';
import { KeyPicker, VersionInput } from '../fields/KeyPicker';

interface FormRefFieldsProps {
  value: TaskFormRef | undefined;
  onChange(value: TaskFormRef | undefined): void;
}

export function FormRefFields({ value, onChange }: FormRefFieldsProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const [keys, setKeys] = useState<string[]>([]);
  const [form, setForm] = useState<FormDefinition | null>(null);
  useEffect(() => void listForms().then((forms) => setKeys(forms.filter((f) => f.latestVersion !== null).map((f) => f.key)), () => setKeys([])), []);
  useEffect(() => {
    setForm(null);
    if (!value?.key) return;
    const read = value.version ? formApi.version(value.key, value.version).then((v) => v.definition) : formApi.get(value.key).then((d) => d.published?.definition ?? null);
    void read.then(setForm, () => setForm(null));
  }, [value?.key, value?.version]);

  const mapping = Object.entries(value?.mapping ?? {});
  const setMapping = (next: [string, string][]) => value && onChange({ ...value, mapping: next.length ? Object.fromEntries(next) : undefined });
  return (
    <div className="form-ref" data-testid="field-form-ref">
      <div className="field-pair">
        <Field label={t('task.formRef')} hint={t('task.formRefHint')}>
          <KeyPicker value={value?.key} keys={keys} listId="form-keys" onChange={(key) => onChange(key ? { ...value, key } : undefined)} testId="field-form-ref-key" />
        </Field>
        {value && (
          <Field label={t('task.formVersion')} hint={t('task.formVersionHint')}>
            <VersionInput value={value.version} onChange={(version) => onChange({ ...value, version })} />
          </Field>
        )}
      </div>
      {value && (
        <Field label={t('task.formMapping')} hint={t('task.formMappingHint')}>
          <div className="mapping" data-testid="field-form-mapping">
            {mapping.map(([variable, field], i) => (
              <div className="mapping-row" key={i}>
                <input value={variable} onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? [e.target.value, m[1]] : m)))} aria-label={t('mapping.name')} data-testid={`field-form-mapping-variable-${i}`} />
                <span aria-hidden>←</span>
                <select value={field} onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? [m[0], e.target.value] : m)))} aria-label={t('task.formField')} data-testid={`field-form-mapping-field-${i}`}>
                  {!form?.fields.some((f) => f.key === field) && <option value={field}>{field}</option>}
                  {form?.fields.map((f) => (
                    <option key={f.key} value={f.key}>
                      {pickText(f.label, side) ?? f.key} ({f.key})
                    </option>
                  ))}
                </select>
                <button type="button" className="icon" onClick={() => setMapping(mapping.filter((_, j) => j !== i))} title={t('common.remove')} aria-label={t('common.remove')}>
                  ×
                </button>
              </div>
            ))}
            <button type="button" className="link" disabled={!form} onClick={() => form && setMapping([...mapping, [form.fields[0].key, form.fields[0].key]])} data-testid="field-form-mapping-add">
              + {t('task.formMappingAdd')}
            </button>
          </div>
        </Field>
      )}
    </div>
  );
}
