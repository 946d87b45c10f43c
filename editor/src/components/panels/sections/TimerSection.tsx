/** A timer: a duration, or a time to wait until (never both). */
import { useTranslation } from 'react-i18next';
import { DurationField } from '../../fields/DurationField';
import { ExpressionInput } from '../../fields/ExpressionInput';
import { Field } from '../../fields/Field';
import type { SectionProps } from './types';

export function TimerSection({ data, update }: SectionProps<'timer'>) {
  const { t } = useTranslation();
  const mode = data.until !== undefined ? 'until' : 'duration';
  return (
    <>
      <div className="radio-row" role="radiogroup" aria-label={t('timer.mode')}>
        {(['duration', 'until'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="timer-mode"
              checked={mode === m}
              onChange={() => update(m === 'duration' ? { until: undefined, duration: 'P1D' } : { duration: undefined, until: '' })}
              data-testid={`timer-mode-${m}`}
            />
            {t(`timer.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'duration' ? (
        <Field label={t('timer.duration')}>
          <DurationField value={data.duration} onChange={(duration) => update({ duration })} testId="field-duration" />
        </Field>
      ) : (
        <Field label={t('timer.until')} hint={t('timer.untilHint')}>
          <ExpressionInput value={data.until} onChange={(until) => update({ until: until ?? '' })} testId="field-until" />
        </Field>
      )}
    </>
  );
}
