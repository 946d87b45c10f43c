/**
 * An incident on the case page: the step, its error and attempts, and the three ways to resolve
 * it (retry, skip along an exit with an output, fail the case), each with a required comment.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveIncident, type Incident, type IncidentAction } from '../../api/caseDetail';
import { errorText } from '../../i18n/errorText';

interface IncidentCardProps {
  incident: Incident;
  /** The step's name in the user's language. */
  nodeName: string;
  /** The exits a skip may take (outcome or edge id, as the API names them). */
  exits: string[];
  canResolve: boolean;
  onResolved(): void;
}

export function IncidentCard({ incident, nodeName, exits, canResolve, onResolved }: IncidentCardProps) {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState<IncidentAction>('retry');
  const [outcome, setOutcome] = useState('');
  const [output, setOutput] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = incident.status !== 'resolved';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let parsed: unknown;
    if (action === 'skip' && output.trim()) {
      try {
        parsed = JSON.parse(output);
      } catch {
        setError(t('casePage.outputNotJson'));
        return;
      }
    }
    setBusy(true);
    try {
      await resolveIncident(incident.id, { action, comment, ...(action === 'skip' && outcome ? { outcome } : {}), ...(parsed !== undefined ? { output: parsed } : {}) });
      onResolved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`incident-card ${open ? 'open' : 'resolved'}`} data-testid="incident" data-status={incident.status}>
      <div className="incident-head">
        <strong>{nodeName}</strong> <span className="muted">{new Date(incident.openedAt).toLocaleString(i18n.language)}</span>
        <span className="badge">{t(`casePage.incidentStatus.${incident.status}`)}</span>
      </div>
      <p className="incident-error" data-testid="incident-error">
        {incident.error}
        {incident.errorType && <span className="muted"> ({incident.errorType})</span>}
      </p>
      <p className="muted">{t('casePage.attempts', { count: incident.attempts })}</p>
      {incident.resolution && (
        <p data-testid="incident-resolution">
          {t(`casePage.action.${incident.resolution.action}`)}
          {incident.resolution.by && ` · ${incident.resolution.by}`}
          {incident.resolution.comment && ` · ${incident.resolution.comment}`}
        </p>
      )}
      {open && canResolve && (
        <form className="incident-form" onSubmit={submit}>
          <fieldset>
            <legend>{t('casePage.resolve')}</legend>
            {(['retry', 'skip', 'fail'] as const).map((a) => (
              <label key={a} className="inline">
                <input type="radio" name={`action-${incident.id}`} value={a} checked={action === a} onChange={() => setAction(a)} data-testid={`incident-action-${a}`} />
                {t(`casePage.action.${a}`)}
              </label>
            ))}
          </fieldset>
          <p className="muted">{t(`casePage.actionHint.${action}`)}</p>
          {action === 'skip' && (
            <>
              {exits.length > 1 && (
                <label>
                  {t('casePage.exit')}
                  <select value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="incident-exit">
                    <option value="">{t('casePage.chooseExit')}</option>
                    {exits.map((x) => (
                      <option key={x} value={x}>
                        {x}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <label>
                {t('casePage.output')}
                <textarea value={output} onChange={(e) => setOutput(e.target.value)} rows={3} placeholder='{"result": "negative"}' data-testid="incident-output" />
              </label>
            </>
          )}
          <label>
            {t('casePage.comment')}
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} required data-testid="incident-comment" />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className={action === 'fail' ? 'danger' : 'primary'} disabled={busy || !comment.trim()} data-testid="incident-submit">
            {t(`casePage.action.${action}`)}
          </button>
        </form>
      )}
    </li>
  );
}
