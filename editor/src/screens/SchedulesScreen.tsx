/**
 * Scheduled starts: each with its timing, its next run and whether it is paused; opened, its next
 * five runs and the cases its latest runs started, with pause/resume, run now, change and delete
 * for those who may manage them.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSchedule, listSchedules, pauseSchedule, triggerSchedule, type Schedule } from '../api/schedules';
import { useCan } from '../auth/session';
import { ScheduleDialog } from '../components/schedules/ScheduleDialog';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { timingText } from '../model/scheduleTiming';
import { caseHref } from '../routes';
import { errorText } from '../i18n/errorText';
import '../styles/schedules.css';

/** A run time in the schedule's own time zone, where "Monday 08:00" was meant, whatever the browser's zone. */
function runTime(iso: string, timeZone: string, language: string): string {
  return new Date(iso).toLocaleString(language, { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function ScheduleDetail({ schedule, onChanged, onEdit }: { schedule: Schedule; onChanged(next: Schedule | null): void; onEdit(): void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [error, setError] = useState<string | null>(null);
  const when = (iso: string) => runTime(iso, schedule.spec.timezone, i18n.language);
  const act = (work: () => Promise<Schedule | null>) => () =>
    void work()
      .then(onChanged)
      .catch((err: unknown) => setError(errorText(err)));
  const remove = act(async () => (window.confirm(t('schedules.confirmDelete')) ? (await deleteSchedule(schedule.id), null) : schedule));

  return (
    <div className="schedule-detail" data-testid="schedule-detail">
      <div className="schedule-columns">
        <section>
          <h3>{t('schedules.nextRuns')}</h3>
          {schedule.nextRuns.length === 0 ? (
            <p className="muted">{t('schedules.noNextRuns')}</p>
          ) : (
            <ol data-testid="schedule-next-runs">
              {schedule.nextRuns.map((r) => (
                <li key={r}>{when(r)}</li>
              ))}
            </ol>
          )}
        </section>
        <section>
          <h3>{t('schedules.recentRuns')}</h3>
          {schedule.recentRuns.length === 0 ? (
            <p className="muted">{t('schedules.noRecentRuns')}</p>
          ) : (
            <ul data-testid="schedule-recent-runs">
              {schedule.recentRuns.map((r) => (
                <li key={r.caseId}>
                  {when(r.startedAt)} ·{' '}
                  {r.caseExists ? <a href={caseHref(r.caseId)}>{t('schedules.openCase')}</a> : <span className="muted">{t('schedules.notStarted')}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p className="muted">
        {t('schedules.input')}: <code>{JSON.stringify(schedule.input)}</code> · {t('schedules.createdBy', { user: schedule.createdBy })}
        {schedule.note && ` · ${schedule.note}`}
      </p>
      {error && <p className="field-error">{error}</p>}
      {can('schedule.manage') && (
        <div className="row-actions">
          <button type="button" onClick={act(() => pauseSchedule(schedule.id, !schedule.paused))} data-testid="schedule-pause">
            {t(schedule.paused ? 'schedules.resume' : 'schedules.pause')}
          </button>
          <button type="button" onClick={act(() => triggerSchedule(schedule.id))} data-testid="schedule-trigger">
            {t('schedules.runNow')}
          </button>
          <button type="button" onClick={onEdit} data-testid="schedule-edit">
            {t('schedules.edit')}
          </button>
          <button type="button" className="danger" onClick={remove} data-testid="schedule-delete">
            {t('schedules.delete')}
          </button>
        </div>
      )}
    </div>
  );
}

export function SchedulesScreen() {
  const { t, i18n } = useTranslation();
  const side = useTextSide();
  const can = useCan();
  const unitName = useOrgUnitNames();
  const [items, setItems] = useState<Schedule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);

  const load = useCallback(() => {
    listSchedules()
      .then((page) => setItems(page.items))
      .catch((err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  /** A schedule changed (or deleted: null) in place, so the list does not wait for Temporal's listing to catch up. */
  const replace = (id: string, next: Schedule | null) => setItems((list) => (list ?? []).flatMap((s) => (s.id !== id ? [s] : next ? [next] : [])));

  return (
    <main className="list-screen" data-testid="schedules-screen">
      <section>
        <div className="section-head">
          <h2>{t('schedules.title')}</h2>
          {can('schedule.manage') && (
            <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="schedule-new">
              {t('schedules.new')}
            </button>
          )}
        </div>
        <p className="muted">{t('schedules.intro')}</p>
        {error && <p className="field-error">{t('list.loadFailed', { message: error })}</p>}
        {items === null && !error && <p className="muted">{t('common.loading')}</p>}
        {items?.length === 0 && <p className="muted">{t('schedules.empty')}</p>}
        {items && items.length > 0 && (
          <table className="list-table stacking" data-testid="schedule-list">
            <thead>
              <tr>
                <th>{t('schedules.name')}</th>
                <th>{t('schedules.process')}</th>
                <th>{t('schedules.orgUnit')}</th>
                <th>{t('schedules.timing')}</th>
                <th>{t('schedules.next')}</th>
                <th>{t('schedules.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.flatMap((s) => [
                <tr key={s.id} data-testid="schedule-row" data-id={s.id} className="clickable" onClick={() => setOpen(open === s.id ? null : s.id)}>
                  <td data-label={t('schedules.name')}>
                    <button type="button" className="link" aria-expanded={open === s.id}>
                      {pickText(s.name, side)}
                    </button>
                  </td>
                  <td data-label={t('schedules.process')}>
                    <code>{s.processKey}</code>
                  </td>
                  <td data-label={t('schedules.orgUnit')}>{unitName(s.orgUnit)}</td>
                  <td data-label={t('schedules.timing')}>
                    {timingText(s.spec, t)} <span className="muted">({s.spec.timezone})</span>
                  </td>
                  <td data-label={t('schedules.next')}>{s.nextRuns[0] ? runTime(s.nextRuns[0], s.spec.timezone, i18n.language) : '—'}</td>
                  <td data-label={t('schedules.state')}>
                    <span className={s.paused ? 'badge muted' : 'badge'} data-testid="schedule-state">
                      {t(s.paused ? 'schedules.paused' : 'schedules.active')}
                    </span>
                  </td>
                </tr>,
                open === s.id && (
                  <tr key={`${s.id}:detail`} className="detail-row">
                    <td colSpan={6}>
                      <ScheduleDetail schedule={s} onChanged={(next) => replace(s.id, next)} onEdit={() => setEditing(s)} />
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        )}
      </section>
      {editing && (
        <ScheduleDialog
          schedule={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setOpen(saved.id);
            setItems((list) => [saved, ...(list ?? []).filter((s) => s.id !== saved.id)]);
          }}
        />
      )}
    </main>
  );
}
