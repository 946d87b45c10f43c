/** The app header: product name, navigation, engine health and the language switch. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHealth } from '../api/catalog';
import { languages, setLanguage, type Language } from '../i18n';

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

export function Header() {
  const { t, i18n } = useTranslation();
  const health = useHealth();
  return (
    <header className="app-header">
      <a href="#/" className="brand">
        {t('app.title')}
      </a>
      <nav>
        <a href="#/">{t('nav.list')}</a>
      </nav>
      <span className={`health health-${health}`} title={t(`health.${health}`)} data-testid="health">
        ● {t(`health.${health}`)}
      </span>
      <label className="language">
        <span className="visually-hidden">{t('lang.switch')}</span>
        <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language-switch" aria-label={t('lang.switch')}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
