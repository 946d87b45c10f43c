/**
 * The activity's input mapping as a form generated with @rjsf from the activity's declared input
 * schema. Each field holds an expression over the case variables; the declared type is the hint.
 */
import Form from '@rjsf/core';
import type { RJSFValidationError, UiSchema, WidgetProps } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityInfo } from '../../api/catalog';
import { expressionFormSchema, toInputMapping } from '../../model/activityForm';
import { expressionFormValidator } from '../../model/expressionFormValidator';
import { ExpressionInput } from '../fields/ExpressionInput';

interface ActivityInputFormProps {
  activity: ActivityInfo;
  value: Record<string, string> | undefined;
  onChange(value: Record<string, string> | undefined): void;
}

function ExpressionWidget({ id, value, onChange, placeholder, label }: WidgetProps) {
  return (
    <ExpressionInput
      value={typeof value === 'string' ? value : undefined}
      onChange={(v) => onChange(v)}
      testId={`input-${id.replace(/^root_/, '')}`}
      placeholder={placeholder}
      ariaLabel={label}
    />
  );
}

const widgets = { expression: ExpressionWidget };

export function ActivityInputForm({ activity, value, onChange }: ActivityInputFormProps) {
  const { t } = useTranslation();
  const { schema, hints } = useMemo(() => expressionFormSchema(activity.inputSchema), [activity.inputSchema]);
  const uiSchema = useMemo<UiSchema>(
    () => ({
      'ui:submitButtonOptions': { norender: true },
      ...Object.fromEntries(
        Object.keys(schema.properties).map((name) => [
          name,
          { 'ui:widget': 'expression', 'ui:help': t('activity.expects', { type: hints[name] }) },
        ]),
      ),
    }),
    [schema, hints, t],
  );
  const transformErrors = (errors: RJSFValidationError[]) =>
    errors.map((e) => (e.name === 'required' ? { ...e, message: t('activity.required') } : e));

  if (Object.keys(schema.properties).length === 0) return <p className="muted">{t('activity.noInputs')}</p>;
  return (
    <div className="activity-form" data-testid="activity-input-form">
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={value ?? {}}
        validator={expressionFormValidator}
        widgets={widgets}
        liveValidate="onChange"
        showErrorList={false}
        noHtml5Validate
        transformErrors={transformErrors}
        onChange={(e) => {
          const next = toInputMapping(e.formData as Record<string, unknown>);
          // rjsf also reports on mount and on re-render with equal data: only real edits reach the store.
          if (JSON.stringify(next) !== JSON.stringify(value)) onChange(next);
        }}
      />
    </div>
  );
}
