/**
 * A designed form rendered for a person to fill (formRender.ts): on the task page, and as the
 * designer's live preview, which is thus the very form the operator will see. Fields appear and
 * disappear with their conditions, and a hidden field's value is dropped; a table's rows are
 * added and removed (TableRows.tsx); the browser's checks, the resident ID's check digit and a
 * file reference's form among them, speak the user's language, and the server's
 * problems (`serverErrors`) show beside their fields.
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '../../../../language/forms';
import { useTextSide } from '../../i18n/useLocalized';
import { fieldErrors, FORM_STATE_BEHAVIOR, renderedForm, shownData, startingData } from '../../model/formRender';
import { taskFormValidatorWith } from '../../model/taskFormValidator';
import { wordedErrors } from './errorWords';
import { TABLE_TEMPLATES } from './TableRows';

type Data = Record<string, unknown>;

interface FormViewProps {
  form: FormDefinition;
  data: Data;
  onChange(data: Data): void;
  onSubmit?(data: Data): void;
  disabled?: boolean;
  serverErrors?: ErrorSchema<Data>;
  children?: ReactNode;
}

export function FormView({ form, data, onChange, onSubmit, disabled, serverErrors, children }: FormViewProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const { schema, uiSchema } = renderedForm(form, data, side, { yes: t('formView.yes'), no: t('formView.no') });
  const validator = useMemo(() => taskFormValidatorWith((d) => fieldErrors(form, d, ({ check, fault }) => String(t(`formView.${check}.${fault}`)))), [form, t]);
  // The checks of fieldErrors are already in the user's language.
  const transformErrors = (errors: RJSFValidationError[]) => wordedErrors(t, errors, { own: ['residentId', 'fileReference'] });
  return (
    <div className="designed-form" data-testid="designed-form">
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={startingData(form, data)}
        experimental_defaultFormStateBehavior={FORM_STATE_BEHAVIOR}
        validator={validator}
        templates={TABLE_TEMPLATES}
        transformErrors={transformErrors}
        extraErrors={serverErrors}
        disabled={disabled}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => onChange(shownData(form, (e.formData ?? {}) as Data))}
        onSubmit={(e) => onSubmit?.(shownData(form, (e.formData ?? {}) as Data))}
      >
        {children ?? <></>}
      </Form>
    </div>
  );
}
