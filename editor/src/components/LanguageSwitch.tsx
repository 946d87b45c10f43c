/** The UI language picker (header and sign-in page). */
import { useTranslation } from 'react-i18next';
import { languages, setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
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
  );
}
