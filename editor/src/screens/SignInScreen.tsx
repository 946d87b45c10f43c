/**
 * The sign-in page: username and password. Shown alone before anyone has signed in, and over the
 * screen when a session ends (the screen underneath keeps its unsaved work for the same user).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The message for a refused sign-in, in the UI language. */
function useRefusal(): (err: unknown) => string {
  const { t } = useTranslation();
  return (err) => {
    if (!(err instanceof ApiError)) return t('signIn.failed', { message: String(err) });
    const minutes = Math.max(1, Math.ceil((err.retryAfterSeconds ?? 60) / 60));
    switch (err.code) {
      case 'invalid_credentials':
        return t('signIn.invalid');
      case 'locked':
        return t('signIn.locked', { count: minutes });
      case 'too_many_attempts':
        return t('signIn.tooManyAttempts', { count: minutes });
      case 'network':
        return t('signIn.unreachable');
      default:
        return t('signIn.failed', { message: err.message });
    }
  };
}

export function SignInScreen({ expired = false }: { expired?: boolean }) {
  const { t } = useTranslation();
  const signIn = useSession((s) => s.signIn);
  const refusal = useRefusal();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    signIn(username.trim(), password)
      .catch((err: unknown) => {
        setError(refusal(err));
        setPassword('');
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className={expired ? 'sign-in-page sign-in-over' : 'sign-in-page'} data-testid="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="sign-in-head">
          <h1 id="sign-in-title">{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{expired ? t('signIn.expired') : t('signIn.prompt')}</p>
        <label className="field">
          <span className="field-label">{t('signIn.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus data-testid="sign-in-username" />
        </label>
        <label className="field">
          <span className="field-label">{t('signIn.password')}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required data-testid="sign-in-password" />
        </label>
        {error && (
          <p className="sign-in-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !username.trim() || !password} data-testid="sign-in-submit">
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
