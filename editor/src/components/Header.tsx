/** The app header: product name, navigation by what the user may do, engine health, the user with sign-out, and the language switch. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHealth } from '../api/catalog';
import { useCan, useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';

const HEALTH_POLL_MS = 15_000;

function useHealth(): 'ok' | 'degraded' | 'down' | 'unknown' {
  const [state, setState] = useState<'ok' | 'degraded' | 'down' | 'unknown'>('unknown');
  useEffect(() => {
    let stopped = false;
    const check = () =>
      fetchHealth()
        .then((h) => !stopped && setState(h.status === 'ok' ? 'ok' : 'degraded'))
        .catch(() => !stopped && setState('down'));
    void check();
    const timer = setInterval(check, HEALTH_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return state;
}

/** Who is signed in, and the way out. */
function UserMenu() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  if (!user) return null;
  return (
    <span className="user-menu">
      <span className="user-name" title={user.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')} data-testid="current-user">
        {user.displayName || user.username}
      </span>
      <button type="button" className="sign-out" onClick={() => void signOut()} data-testid="sign-out">
        {t('signIn.signOut')}
      </button>
    </span>
  );
}

export function Header() {
  const { t } = useTranslation();
  const health = useHealth();
  const can = useCan();
  return (
    <header className="app-header">
      <a href="#/" className="brand">
        {t('app.title')}
      </a>
      <nav>
        {(can('process.read') || can('ruleset.read')) && <a href="#/">{t('nav.list')}</a>}
        {can('form.read') && (
          <a href="#/forms" data-testid="nav-forms">
            {t('nav.forms')}
          </a>
        )}
        {can('task.read') && (
          <a href="#/inbox" data-testid="nav-inbox">
            {t('nav.inbox')}
          </a>
        )}
        {can('deadline.read') && (
          <a href="#/deadlines" data-testid="nav-deadlines">
            {t('nav.deadlines')}
          </a>
        )}
        {can('duty.read') && (
          <a href="#/duty" data-testid="nav-duty">
            {t('nav.duty')}
          </a>
        )}
        {can('case.read') && (
          <a href="#/cases" data-testid="nav-cases">
            {t('nav.cases')}
          </a>
        )}
        {can('case.read') && (
          <a href="#/dispatch" data-testid="nav-dispatch">
            {t('nav.dispatch')}
          </a>
        )}
        {can('case.read') && (
          <a href="#/risk-areas" data-testid="nav-risk-areas">
            {t('nav.riskAreas')}
          </a>
        )}
        {can('schedule.read') && (
          <a href="#/schedules" data-testid="nav-schedules">
            {t('nav.schedules')}
          </a>
        )}
        {can('audit.read') && (
          <a href="#/audit" data-testid="nav-audit">
            {t('nav.audit')}
          </a>
        )}
      </nav>
      <span className={`health health-${health}`} title={t(`health.${health}`)} data-testid="health">
        ● <span className="health-text">{t(`health.${health}`)}</span>
      </span>
      <UserMenu />
      <LanguageSwitch />
    </header>
  );
}
