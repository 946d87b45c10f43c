/**
 * What happened around a case besides its nodes, as the API answers it: the notices it sent, the
 * events it received (payloads masked unless the user may see personal data) and its audit trail
 * (shown only to users with audit.read).
 */
import { useTranslation } from 'react-i18next';
import type { CaseAuditRow, CaseEvent, CaseNotice } from '../../api/caseDetail';
import { formatLiteral } from '../../model/literal';

function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');
}

export function CaseNotices({ notices }: { notices: CaseNotice[] }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <section className="case-section" data-testid="case-notices">
      <h2>{t('casePage.notices')}</h2>
      {notices.length === 0 && <p className="muted">{t('casePage.noNotices')}</p>}
      <ul className="case-rows">
        {notices.map((n) => (
          <li key={n.id} data-testid="case-notice" data-status={n.status}>
            <strong>{n.template}</strong> <span className={`badge notice-${n.status}`}>{t(`casePage.noticeStatus.${n.status}`, { defaultValue: n.status })}</span>
            <span className="row-detail">
              {t(`casePage.channel.${n.channel}`, { defaultValue: n.channel })} → {t(`casePage.recipient.${n.recipient.type}`, { defaultValue: n.recipient.type })} <code className="wrap">{n.recipient.id}</code>
            </span>
            <span className="row-detail muted">
              {when(n.createdAt)} · {n.deliveries.length ? t('casePage.deliveredAt', { at: when(n.deliveries[n.deliveries.length - 1]), count: n.deliveries.length }) : t('casePage.attempts', { count: n.attempts })}
            </span>
            {n.lastError && n.status !== 'delivered' && <span className="row-detail error">{n.lastError}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CaseEvents({ events }: { events: CaseEvent[] }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <section className="case-section" data-testid="case-events">
      <h2>{t('casePage.eventsReceived')}</h2>
      {events.length === 0 && <p className="muted">{t('casePage.noEvents')}</p>}
      <ul className="case-rows">
        {events.map((e, i) => (
          <li key={`${e.receivedAt}:${i}`} data-testid="case-event" data-name={e.name}>
            <strong>{e.name}</strong> <span className="muted">{when(e.receivedAt)}</span>
            {e.payload !== null && (
              <code className="wrap row-detail" data-testid="case-event-payload">
                {formatLiteral(e.payload)}
              </code>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CaseAudit({ rows }: { rows: CaseAuditRow[] }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <section className="case-section" data-testid="case-audit">
      <h2>{t('casePage.audit')}</h2>
      {rows.length === 0 && <p className="muted">{t('casePage.noAudit')}</p>}
      <ol className="case-rows">
        {rows.map((r) => (
          <li key={r.id} data-testid="case-audit-row" data-action={r.action}>
            <strong>{t(`audit.actions.${r.action}`, { defaultValue: r.action })}</strong> <span className="muted">{r.actor}</span> <span className="muted">{when(r.at)}</span>
            {r.kind !== 'case' && (
              <span className="row-detail muted">
                {t(`audit.kinds.${r.kind}`, { defaultValue: r.kind })} <code className="wrap">{r.key}</code>
              </span>
            )}
            {Object.keys(r.detail).length > 0 && (
              <span className="row-detail">
                {Object.entries(r.detail).map(([k, v]) => (
                  <span key={k} className="detail-item">
                    {t(`casePage.auditDetail.${k}`, { defaultValue: k })}: <code className="wrap">{formatLiteral(v)}</code>
                  </span>
                ))}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
