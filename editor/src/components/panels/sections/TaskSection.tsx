/** A human task: its title, who does it, its form (a designed one, or a JSON Schema), result variable and deadline. */
import { useTranslation } from 'react-i18next';
import { DurationField } from '../../fields/DurationField';
import { Field, orUndefined } from '../../fields/Field';
import { JsonField } from '../../fields/JsonField';
import { LocalizedTextFields } from '../../fields/LocalizedTextFields';
import { FormRefFields } from '../../forms/FormRefFields';
import type { SectionProps } from './types';

export function TaskSection({ data, update }: SectionProps<'task'>) {
  const { t } = useTranslation();
  const checkForm = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? null : t('task.formMustBeObject'));
  return (
    <>
      <LocalizedTextFields
        label={t('task.title')}
        value={data.title}
        onChange={(title) => update({ title: { zh: title?.zh ?? '', en: title?.en ?? '' } })}
        testId="field-task-title"
      />
      <div className="field-pair">
        <Field label={t('task.role')}>
          <input value={data.role ?? ''} onChange={(e) => update({ role: orUndefined(e.target.value) })} data-testid="field-role" />
        </Field>
        <Field label={t('task.group')}>
          <input value={data.group ?? ''} onChange={(e) => update({ group: orUndefined(e.target.value) })} data-testid="field-group" />
        </Field>
      </div>
      <FormRefFields value={data.formRef} onChange={(formRef) => update({ formRef })} />
      <Field label={t('task.form')} hint={t('task.formHint')}>
        <JsonField value={data.form} onChange={(form) => update({ form: form as Record<string, unknown> | undefined })} check={checkForm} testId="field-form" rows={8} />
      </Field>
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
      <Field label={t('task.deadline')} hint={t('task.deadlineHint')}>
        <DurationField value={data.deadline} onChange={(deadline) => update({ deadline })} testId="field-deadline" />
      </Field>
    </>
  );
}
