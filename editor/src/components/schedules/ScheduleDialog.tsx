/**
 * Creating or changing a scheduled start: its name in both languages, the process and the org unit
 * (fixed once made), the timing (weekdays at a time, or an interval) and the fixed input as JSON.
 * Refusals from the API are shown with the fields they name.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listProcesses, type ProcessSummary } from '../../api/processes';
import { createSchedule, updateSchedule, WEEKDAYS, type Schedule } from '../../api/schedules';
import { apiErrorText } from '../../i18n/apiErrorText';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { formOf, specOf, type IntervalUnit, type TimingForm } from '../../model/scheduleTiming';
import { Dialog } from '../Dialog';

interface Props {
  /** The schedule to change; a new one when absent. */
  schedule?: Schedule;
  onClose(): void;
  onSaved(saved: Schedule): void;
}

export function ScheduleDialog({ schedule, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const side = useTextSide();
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [name, setName] = useState(schedule?.name ?? { zh: '', en: '' });
  const [processKey, setProcessKey] = useState(schedule?.processKey ?? '');
  const [timing, setTiming] = useState<TimingForm>(formOf(schedule?.spec));
  const [input, setInput] = useState(JSON.stringify(schedule?.input ?? {}, null, 2));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (schedule) return;
    listProcesses()
      .then((all) => {
        const published = all.filter((p) => p.latestVersion !== null);
        setProcesses(published);
        setProcessKey((key) => key || published[0]?.key || '');
      })
      .catch((err: unknown) => setError(apiErrorText(err, t)));
  }, [schedule]);

  const setDay = (day: (typeof WEEKDAYS)[number], on: boolean) => setTiming({ ...timing, days: on ? WEEKDAYS.filter((d) => d === day || timing.days.includes(d)) : timing.days.filter((d) => d !== day) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(input || '{}');
    } catch {
      setError(t('schedules.inputNotJson'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const spec = specOf(timing);
      onSaved(schedule ? await updateSchedule(schedule.id, { name, spec, input: parsed }) : await createSchedule({ name, processKey, input: parsed, spec }));
    } catch (err) {
      setError(apiErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(schedule ? 'schedules.editTitle' : 'schedules.newTitle')} onClose={onClose} testId="schedule-dialog">
      <form className="schedule-form" onSubmit={(e) => void save(e)}>
        <label className="field">
          <span className="field-label">{t('schedules.nameZh')}</span>
          <input value={name.zh} onChange={(e) => setName({ ...name, zh: e.target.value })} required data-testid="schedule-name-zh" />
        </label>
        <label className="field">
          <span className="field-label">{t('schedules.nameEn')}</span>
          <input value={name.en} onChange={(e) => setName({ ...name, en: e.target.value })} required data-testid="schedule-name-en" />
        </label>
        <label className="field">
          <span className="field-label">{t('schedules.process')}</span>
          {schedule ? (
            <input value={schedule.processKey} disabled />
          ) : (
            <select value={processKey} onChange={(e) => setProcessKey(e.target.value)} data-testid="schedule-process">
              {processes.map((p) => (
                <option key={p.key} value={p.key}>
                  {pickText(p.name, side)} ({p.key})
                </option>
              ))}
            </select>
          )}
        </label>
        <fieldset className="field">
          <legend className="field-label">{t('schedules.timing')}</legend>
          <label>
            <input type="radio" checked={timing.kind === 'weekly'} onChange={() => setTiming({ ...timing, kind: 'weekly' })} data-testid="schedule-kind-weekly" /> {t('schedules.weekly')}
          </label>{' '}
          <label>
            <input type="radio" checked={timing.kind === 'interval'} onChange={() => setTiming({ ...timing, kind: 'interval' })} data-testid="schedule-kind-interval" /> {t('schedules.interval')}
          </label>
          {timing.kind === 'weekly' ? (
            <div className="schedule-days">
              {WEEKDAYS.map((d) => (
                <label key={d} className="schedule-day">
                  <input type="checkbox" checked={timing.days.includes(d)} onChange={(e) => setDay(d, e.target.checked)} data-testid={`schedule-day-${d}`} /> {t(`schedules.day.${d}`)}
                </label>
              ))}
              <input type="time" value={timing.time} onChange={(e) => setTiming({ ...timing, time: e.target.value })} required data-testid="schedule-time" aria-label={t('schedules.time')} />
            </div>
          ) : (
            <div className="schedule-days">
              <input type="number" min={1} value={timing.amount} onChange={(e) => setTiming({ ...timing, amount: Number(e.target.value) })} data-testid="schedule-amount" aria-label={t('schedules.amount')} />
              <select value={timing.unit} onChange={(e) => setTiming({ ...timing, unit: e.target.value as IntervalUnit })} data-testid="schedule-unit" aria-label={t('schedules.unit')}>
                {(['minutes', 'hours', 'days'] as const).map((u) => (
                  <option key={u} value={u}>
                    {t(`schedules.units.${u}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
        <label className="field">
          <span className="field-label">{t('schedules.timezone')}</span>
          <input value={timing.timezone} onChange={(e) => setTiming({ ...timing, timezone: e.target.value })} data-testid="schedule-timezone" />
        </label>
        <label className="field">
          <span className="field-label">{t('schedules.input')}</span>
          <textarea rows={4} value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} data-testid="schedule-input" />
        </label>
        {error && (
          <p className="field-error" role="alert" data-testid="schedule-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || (!schedule && !processKey)} data-testid="schedule-save">
            {t('schedules.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
