/**
 * A duration as a number and a unit (written as ISO-8601), or, switched over, an expression
 * that yields one (a rule's parameter such as `quarantineDays & "D"` wrapped by the author).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { durationUnits, fromIsoDuration, toIsoDuration, type DurationUnit } from '../../model/duration';
import { ExpressionInput } from './ExpressionInput';

interface DurationFieldProps {
  value: string | undefined;
  onChange(value: string | undefined): void;
  testId: string;
  /** Only the picker: the caller offers the expression itself (an activity input's literal-vs-expression switch). */
  pickerOnly?: boolean;
}

export function DurationField({ value, onChange, testId, pickerOnly }: DurationFieldProps) {
  const { t } = useTranslation();
  const picked = value ? fromIsoDuration(value) : null;
  const [asExpression, setAsExpression] = useState(value !== undefined && picked === null);
  const [unit, setUnit] = useState<DurationUnit>(picked?.unit ?? 'days');

  const pick = (amount: string, nextUnit: DurationUnit) => {
    setUnit(nextUnit);
    const n = Number(amount);
    onChange(amount === '' || !Number.isInteger(n) || n < 0 ? undefined : toIsoDuration({ amount: n, unit: nextUnit }));
  };

  return (
    <span className="duration-field" data-testid={testId}>
      {asExpression && !pickerOnly ? (
        <ExpressionInput value={value} onChange={onChange} testId={`${testId}-expression`} placeholder="P7D" />
      ) : (
        <span className="duration-picker">
          <input
            type="number"
            min={0}
            step={1}
            value={picked?.amount ?? ''}
            onChange={(e) => pick(e.target.value, picked?.unit ?? unit)}
            data-testid={`${testId}-amount`}
            aria-label={t('duration.amount')}
          />
          <select
            value={picked?.unit ?? unit}
            onChange={(e) => pick(String(picked?.amount ?? ''), e.target.value as DurationUnit)}
            data-testid={`${testId}-unit`}
            aria-label={t('duration.unit')}
          >
            {durationUnits.map((u) => (
              <option key={u} value={u}>
                {t(`duration.units.${u}`)}
              </option>
            ))}
          </select>
          {value && <code className="duration-iso">{value}</code>}
        </span>
      )}
      {!pickerOnly && (
        <button type="button" className="link" onClick={() => setAsExpression(!asExpression)}>
          {asExpression ? t('duration.usePicker') : t('duration.useExpression')}
        </button>
      )}
    </span>
  );
}
