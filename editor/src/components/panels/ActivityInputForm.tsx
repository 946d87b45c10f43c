/**
 * The activity's input mapping as a form generated with @rjsf from the activity's declared input
 * schema, in the UI language. Each field is a value in the widget of its declared type or an
 * expression over the case variables (TypedInput); the declared type is the hint.
 */
import Form from '@rjsf/core';
import type { RJSFValidationError, UiSchema, WidgetProps } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityInfo } from '../../api/catalog';
import { useTextSide } from '../../i18n/useLocalized';
import { choiceLabel, expressionFormSchema, toInputMapping, typeHint } from '../../model/activityForm';
import { expressionFormValidator } from '../../model/expressionFormValidator';
import { TypedInput } from '../fields/TypedInput';

interface ActivityInputFormProps {
  activity: ActivityInfo;
  value: Record<string, string> | undefined;
  onChange(value: Record<string, string> | undefined): void;
}

/** The declared schema of the input rides in the field's ui options (the form's own schema is all strings). */
function TypedWidget({ id, value, onChange, label, options }: WidgetProps) {
  const side = useTextSide();
  const prop = (options.declared ?? {}) as Record<string, unknown>;
  return (
    <TypedInput
      prop={prop}
      value={typeof value === 'string' ? value : undefined}
      onChange={(v) => onChange(v)}
      testId={`input-${id.replace(/^root_/, '')}`}
      ariaLabel={label}
      choiceLabel={(v) => choiceLabel(prop, v, side)}
    />
  );
}

const widgets = { typed: TypedWidget };

export function ActivityInputForm({ activity, value, onChange }: ActivityInputFormProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const { schema } = useMemo(() => expressionFormSchema(activity.inputSchema, side), [activity.inputSchema, side]);
  const declared = (activity.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const uiSchema = useMemo<UiSchema>(
    () => ({
      'ui:submitButtonOptions': { norender: true },
      ...Object.fromEntries(
        Object.keys(schema.properties).map((name) => [
          name,
          { 'ui:widget': 'typed', 'ui:options': { declared: declared[name] }, 'ui:help': t('activity.expects', { type: typeHint(declared[name] ?? {}, side, (w) => t(`activity.types.${w}`)) }) },
        ]),
      ),
    }),
    [schema, side, t, declared],
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
