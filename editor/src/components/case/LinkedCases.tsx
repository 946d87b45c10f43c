/** The cases a case started (ladder steps' linked cases, subprocesses), each a link to its own page. */
import { useTranslation } from 'react-i18next';
import type { LinkedCase } from '../../api/cases';
import { caseHref } from '../../routes';

export function LinkedCases({ cases }: { cases: LinkedCase[] }) {
  const { t, i18n } = useTranslation();
  if (cases.length === 0) return null;
  return (
    <section className="case-section" data-testid="case-linked">
      <h2>{t('casePage.linkedCases')}</h2>
      <ul className="case-tasks">
        {cases.map((c) => (
          <li key={c.caseId} data-testid="linked-case">
            <a href={caseHref(c.caseId)}>
              {c.processKey} <span className="muted">v{c.version}</span>
            </a>{' '}
            <span className={`status status-${c.status}`}>{t(`casePage.statusName.${c.status}`, { defaultValue: c.status })}</span>{' '}
            <span className="muted">
              {new Date(c.startedAt).toLocaleString(i18n.language)} · <code className="wrap">{c.caseId}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
