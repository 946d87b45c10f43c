/**
 * One activity input: a value typed in the widget of its declared type (text, number, date,
 * choice, duration, yes/no), or, switched over, a JSONata expression over the case variables.
 * Either way the mapping stores JSONata source: a value as its literal (`'landing'`, `3`), as
 * the definitions written before this field already did, so they open with their values in place.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { literalOf, literalSource, type JsonSchema, type Literal } from '../../../../workflows/definition/input-types';
import { literalKind, showsAsLiteral, type LiteralKind } from '../../model/literalKind';
import { DurationField } from './DurationField';
import { ExpressionInput } from './ExpressionInput';

interface TypedInputProps {
  prop: JsonSchema;
  value: string | undefined;
  onChange(value: string | undefined): void;
  testId: string;
  ariaLabel?: string;
  /** Labels of the choices by value, in the UI language (the value itself where none is declared). */
  choiceLabel?(value: string): string;
}

function LiteralWidget({ kind, prop, value, onChange, testId, ariaLabel, choiceLabel }: Omit<TypedInputProps, 'value' | 'onChange'> & { kind: LiteralKind; value: Literal | undefined; onChange(v: Literal | undefined): void }) {
  const { t } = useTranslation();
  const common = { 'data-testid': testId, 'aria-label': ariaLabel };
  switch (kind) {
    case 'choice':
      return (
        <select {...common} value={value === undefined || value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : (prop.enum as Literal[]).find((v) => String(v) === e.target.value))}>
          <option value="">{t('activity.choose')}</option>
          {(prop.enum as Literal[]).map((v) => (
            <option key={String(v)} value={String(v)}>
              {choiceLabel ? choiceLabel(String(v)) : String(v)}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
          <option value="">{t('activity.choose')}</option>
          <option value="true">{t('activity.yes')}</option>
          <option value="false">{t('activity.no')}</option>
        </select>
      );
    case 'number':
    case 'integer':
      return (
        <input
          {...common}
          type="number"
          step={kind === 'integer' ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' || !Number.isFinite(Number(e.target.value)) ? undefined : Number(e.target.value))}
        />
      );
    case 'duration':
      return <DurationField value={typeof value === 'string' ? value : undefined} onChange={onChange} testId={testId} pickerOnly />;
    default:
      return <input {...common} type={kind === 'date' ? 'date' : 'text'} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />;
  }
}

export function TypedInput({ prop, value, onChange, testId, ariaLabel, choiceLabel }: TypedInputProps) {
  const { t } = useTranslation();
  const kind = literalKind(prop);
  const [asLiteral, setAsLiteral] = useState(() => showsAsLiteral(kind, value));
  // A value that is not a literal of this type is cleared when switching to the value widget, which could not show it.
  const toLiteral = () => {
    if (!showsAsLiteral(kind, value)) onChange(undefined);
    setAsLiteral(true);
  };
  return (
    <span className="typed-input">
      {kind && (
        <span className="mode-switch" role="group" aria-label={t('activity.mode')} data-testid={`${testId}-mode`} data-mode={asLiteral ? 'literal' : 'expression'}>
          <button type="button" aria-pressed={asLiteral} onClick={toLiteral} data-testid={`${testId}-literal`}>
            {t('activity.literal')}
          </button>
          <button type="button" aria-pressed={!asLiteral} onClick={() => setAsLiteral(false)} data-testid={`${testId}-expression`} title={t('activity.expressionHint')}>
            {t('activity.expression')}
          </button>
        </span>
      )}
      {kind && asLiteral ? (
        <LiteralWidget
          kind={kind}
          prop={prop}
          value={value === undefined ? undefined : literalOf(value)?.value}
          onChange={(v) => onChange(v === undefined ? undefined : literalSource(v))}
          testId={testId}
          ariaLabel={ariaLabel}
          choiceLabel={choiceLabel}
        />
      ) : (
        <ExpressionInput value={value} onChange={onChange} testId={testId} ariaLabel={ariaLabel} placeholder={t('activity.expressionPlaceholder')} />
      )}
    </span>
  );
}
