/**
 * A declared param's literal as the widget of its type (rule set `paramTypes`): a number box, a
 * yes/no box, a choice among its allowed values, a duration picker, tags for a list of days or
 * values. A derived duration is shown, not typed: it follows the number it is computed from.
 */
import { useTranslation } from 'react-i18next';
import type { EventParams, ParamDeclaration } from '../../../../rules/ruleset-schema';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { DurationField } from '../fields/DurationField';
import { TagsInput } from '../fields/TagsInput';

interface TypedParamInputProps {
  decl: ParamDeclaration;
  value: unknown;
  onChange(value: EventParams[string]): void;
  /** The declaration of the param a derived one is computed from, to name it. */
  source?: ParamDeclaration;
  ariaLabel: string;
  testId: string;
}

/** The value a declared param starts with when an administrator adds it. */
export function initialParamValue(decl: ParamDeclaration): EventParams[string] {
  switch (decl.type) {
    case 'integer':
    case 'number':
      return decl.min !== undefined && decl.min > 0 ? decl.min : 0;
    case 'boolean':
      return false;
    case 'string':
      return decl.enum?.[0] ?? '';
    case 'duration':
      return decl.derive?.unit === 'hours' ? 'PT1H' : 'P1D';
    case 'dayList':
      return [1];
    case 'list':
      return [];
  }
}

export function TypedParamInput({ decl, value, onChange, source, ariaLabel, testId }: TypedParamInputProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  switch (decl.type) {
    case 'integer':
    case 'number':
      return (
        <input
          type="number"
          className="param-number"
          value={typeof value === 'number' ? value : ''}
          min={decl.min}
          max={decl.max}
          step={decl.type === 'integer' ? 1 : 'any'}
          onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
          aria-label={ariaLabel}
          data-testid={testId}
        />
      );
    case 'boolean':
      return <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-label={ariaLabel} data-testid={testId} />;
    case 'string':
      return decl.enum ? (
        <select value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} aria-label={ariaLabel} data-testid={testId}>
          {typeof value === 'string' && !decl.enum.includes(value) && <option value={value}>{value}</option>}
          {decl.enum.map((v) => (
            <option key={v} value={v}>
              {pickText(decl.enumLabels?.[v], side) ?? v}
            </option>
          ))}
        </select>
      ) : (
        <input value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} aria-label={ariaLabel} data-testid={testId} />
      );
    case 'duration':
      return decl.derive ? (
        <output className="param-derived" data-testid={testId} title={t('rules.derivedHint')}>
          <code>{String(value)}</code> {t('rules.derivedFrom', { source: pickText(source?.label, side) ?? decl.derive.from })}
        </output>
      ) : (
        <DurationField value={typeof value === 'string' ? value : undefined} onChange={(v) => onChange(v ?? '')} testId={testId} />
      );
    case 'dayList':
    case 'list':
      return (
        <TagsInput
          value={Array.isArray(value) ? value : undefined}
          onChange={(v) => onChange((v ?? []) as EventParams[string])}
          placeholder={decl.type === 'dayList' ? t('rules.dayListHint') : undefined}
          ariaLabel={ariaLabel}
          testId={testId}
        />
      );
  }
}
