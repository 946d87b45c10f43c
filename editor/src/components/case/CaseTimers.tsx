/** The timers a case waits on, soonest first: which node, what kind, when it fires and how long until then. */
import { useTranslation } from 'react-i18next';
import type { PendingTimer } from '../../api/caseDetail';
import { Countdown } from '../Countdown';

/** `timers` is undefined when the case's live state could not be read; `unreadable` then says why, in a line. */
export function CaseTimers({ timers, unreadable, nodeName }: { timers: PendingTimer[] | undefined; unreadable: string; nodeName(id: string): string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="case-section" data-testid="case-timers">
      <h2>{t('casePage.timers')}</h2>
      {!timers && <p className="muted">{unreadable}</p>}
      {timers?.length === 0 && <p className="muted">{t('casePage.noTimers')}</p>}
      <ul className="case-rows">
        {timers?.map((timer) => (
          <li key={`${timer.nodeId}:${timer.visit}:${timer.kind}`} data-testid="case-timer" data-node={timer.nodeId} data-kind={timer.kind}>
            <strong>{nodeName(timer.nodeId)}</strong> <span className="badge">{t(`casePage.timerKind.${timer.kind}`)}</span>
            <span className="row-detail">
              {new Date(timer.dueAt).toLocaleString(i18n.language)} · <Countdown dueAt={timer.dueAt} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
