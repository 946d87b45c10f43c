/**
 * The deadline board for supervisors: the open tasks of their subtree due today, by org unit,
 * overdue / within the next hour / later today, with counts and colour, most overdue units
 * first, each task with its deadline ladder's next step, each unit with who is on duty there (whom
 * its escalations reach); polled every 4 seconds. A row opens the task.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listProcesses, type ProcessSummary } from '../api/processes';
import { BOARD_BUCKETS, deadlineBoard, type DeadlineBoard } from '../api/tasks';
import { Countdown } from '../components/Countdown';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { ProcessFilter } from '../components/ProcessFilter';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { taskHref } from '../routes';
import { errorText } from '../i18n/errorText';

/** Under five seconds: a step taken shows on the board within that. */
const POLL_MS = 4000;

export function DeadlineBoardScreen() {
  const { t } = useTranslation();
  const side = useTextSide();
  const unitName = useOrgUnitNames();
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [processKey, setProcessKey] = useState('');
  const [board, setBoard] = useState<DeadlineBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listProcesses().then(setProcesses, () => undefined);
  }, []);
  useEffect(() => {
    let stopped = false;
    const poll = () =>
      deadlineBoard(processKey || undefined).then(
        (b) => !stopped && (setBoard(b), setError(null)),
        (err: unknown) => !stopped && setError(errorText(err)),
      );
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [processKey]);

  return (
    <main className="list-screen deadline-board" data-testid="deadline-board">
      <section>
        <div className="section-head">
          <h2>{t('board.title')}</h2>
          {board && (
            <span className="board-chips" data-testid="board-totals">
              {BOARD_BUCKETS.map((b) => (
                <span key={b} className={`board-chip board-${b}`}>
                  {t(`board.buckets.${b}`)} {board.totals[b]}
                </span>
              ))}
            </span>
          )}
        </div>
        <div className="filters">
          <ProcessFilter processes={processes} value={processKey} onChange={setProcessKey} label={t('inbox.process')} anyLabel={t('inbox.anyProcess')} testId="board-filter-process" />
        </div>
        {error && <p className="field-error">{t('list.loadFailed', { message: error })}</p>}
        {board && board.units.length === 0 && <p className="muted">{t('board.empty')}</p>}
        <div className="board-units">
          {board?.units.map((u) => (
            <article key={u.orgUnit} className="board-unit" data-testid="board-unit" data-unit={u.orgUnit}>
              <h3>
                {unitName(u.orgUnit)}{' '}
                {BOARD_BUCKETS.map((b) => (
                  <span key={b} className={`board-chip board-${b}`} title={t(`board.buckets.${b}`)}>
                    {u.counts[b]}
                  </span>
                ))}
              </h3>
              <p className={`board-duty${u.onDuty.length ? '' : ' board-duty-none'}`} data-testid="board-duty">
                {u.onDuty.length
                  ? t('board.onDuty', { people: u.onDuty.map((p) => `${p.displayName || p.username} (${t(`duty.role.${p.role}`)})`).join(', ') })
                  : t('board.nobodyOnDuty')}
              </p>
              <ul>
                {u.tasks.map((task) => (
                  <li key={task.id} className={`board-row board-${task.bucket}`} data-testid="board-row">
                    <a href={taskHref(task.id)}>{pickText(task.title, side) ?? task.id}</a> <Countdown dueAt={task.dueAt} />{' '}
                    <span className="muted">{task.assignee ?? task.groupName ?? t('inbox.nobody')}</span>
                    {task.overdue && (
                      <span className="board-chip board-overdue" data-testid="board-overdue-flag">
                        {t('board.overdueFlag')}
                      </span>
                    )}
                    {task.nextStep && (
                      <span className="board-next" data-testid="board-next-step">
                        {t('board.nextStep')}: {task.nextStep.actions.map((a) => t(`ladder.actions.${a.do}`)).join(', ')} <Countdown dueAt={task.nextStep.at} />
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </section>
    </main>
  );
}
