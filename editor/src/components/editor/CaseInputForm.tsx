/**
 * A test case's input: a form generated from the process's variable schema (variablesForm.ts),
 * with "fill with sample data" (sampleData.ts: made up, never a real person's), or, for experts,
 * the same input as raw JSON. The start button is the form's own submit, so the browser checks the
 * required fields, types and ranges before the case is started; the server checks it again and its
 * problems show beside the fields (`serverErrors`).
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTextSide } from '../../i18n/useLocalized';
import { sampleData } from '../../model/sampleData';
import { taskFormValidator } from '../../model/taskFormValidator';
import { variablesForm } from '../../model/variablesForm';
import { JsonField } from '../fields/JsonField';
import { wordedErrors } from '../forms/errorWords';

type Data = Record<string, unknown>;

interface CaseInputFormProps {
  /** The variable schema of the version the case runs (undefined: the process declares none). */
  variables: unknown;
  value: Data;
  onChange(value: Data): void;
  onSubmit(value: Data): void;
  serverErrors?: ErrorSchema<Data>;
  /** The start button, shown under the form or the JSON. */
  children: ReactNode;
  /** The prefix of the fields' ids, unique on the page (two panels may each show an input form). */
  idPrefix?: string;
}

const isObject = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);

export function CaseInputForm({ variables, value, onChange, onSubmit, serverErrors, children, idPrefix = 'input' }: CaseInputFormProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const [raw, setRaw] = useState(false);
  const fields = t('caseFields', { returnObjects: true }) as Record<string, string>;
  const values = t('caseValues', { returnObjects: true }) as Record<string, string>;
  const { schema, uiSchema } = useMemo(
    () => variablesForm(variables, { field: (k) => fields[k], value: (v) => values[v], thingName: t('run.thingName'), side }),
    [variables, side, fields, values, t],
  );
  const fill = () => onChange(sampleData(variables, { language: side, now: new Date(), label: (k) => fields[k] }) as Data);
  const transformErrors = (errors: RJSFValidationError[]) => wordedErrors(t, errors, { pattern: t('run.notInForm') });

  return (
    <div className="case-input" data-testid="case-input-form">
      <div className="case-input-tools">
        <button type="button" onClick={fill} data-testid="fill-sample">
          {t('run.fillSample')}
        </button>
        <label className="inline">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} data-testid="case-input-raw" /> {t('run.rawJson')}
        </label>
      </div>
      <p className="field-hint">{t('run.sampleHint')}</p>
      {raw ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(value);
          }}
        >
          <label className="field">
            <span className="field-label">{t('run.input')}</span>
            <JsonField value={value} onChange={(v) => onChange(isObject(v) ? v : {})} check={(v) => (isObject(v) ? null : t('run.inputObject'))} testId="case-input" rows={8} />
            <span className="field-hint">{t('run.inputHint')}</span>
          </label>
          {children}
        </form>
      ) : (
        <Form
          className="activity-form case-input-fields"
          idPrefix={idPrefix}
          schema={schema}
          uiSchema={uiSchema}
          formData={value}
          validator={taskFormValidator}
          transformErrors={transformErrors}
          extraErrors={serverErrors}
          showErrorList={false}
          noHtml5Validate
          onChange={(e) => onChange((e.formData ?? {}) as Data)}
          onSubmit={(e) => onSubmit((e.formData ?? {}) as Data)}
        >
          {children}
        </Form>
      )}
    </div>
  );
}
