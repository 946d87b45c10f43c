/** Shown when nothing is selected: the process's own name, description and case-variable schema. */
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../store';
import { DescriptionFields } from '../fields/DescriptionFields';
import { Field } from '../fields/Field';
import { JsonField } from '../fields/JsonField';
import { LocalizedTextFields } from '../fields/LocalizedTextFields';

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function ProcessPanel() {
  const { t } = useTranslation();
  const meta = useEditor((s) => s.meta);
  const setMeta = useEditor((s) => s.setMeta);
  return (
    <div className="panel-body" data-testid="process-panel">
      <h3>{t('process.properties')}</h3>
      <LocalizedTextFields
        label={t('process.name')}
        value={meta.name}
        onChange={(name) => setMeta({ name: { zh: name?.zh ?? '', en: name?.en ?? '' } })}
        testId="field-process-name"
      />
      <DescriptionFields value={meta.description} onChange={(description) => setMeta({ description })} testId="field-process-description" />
      <Field label={t('process.variables')} hint={t('process.variablesHint')}>
        <JsonField
          value={meta.variables}
          onChange={(variables) => setMeta({ variables: variables as Record<string, unknown> | undefined })}
          check={(v) => (isObject(v) ? null : t('task.formMustBeObject'))}
          testId="field-variables"
          rows={8}
        />
      </Field>
      <p className="muted">{t('process.selectHint')}</p>
    </div>
  );
}
