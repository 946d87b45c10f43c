/** Impact preview: the saved draft re-evaluated over recent recorded decisions, and what it would change. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { simulateDraft, type Simulation } from '../../api/rulesets';

interface ImpactPanelProps {
  rulesetKey: string;
  saveFirst(): Promise<boolean>;
}

export function ImpactPanel({ rulesetKey, saveFirst }: ImpactPanelProps) {
  const { t } = useTranslation();
  const [result, setResult] = useState<Simulation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (await saveFirst()) setResult(await simulateDraft(rulesetKey));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel-body" data-testid="impact">
      <p className="muted">{t('impact.explain')}</p>
      <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="impact-run">
        {t('impact.run')}
      </button>
      {error && <p className="field-error">{error}</p>}
      {result && (
        <div data-testid="impact-result">
          <p className="impact-headline">{t('impact.summary', { changed: result.changed, total: result.total })}</p>
          {result.transitions.length > 0 && (
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('impact.from')}</th>
                  <th>{t('impact.to')}</th>
                  <th>{t('impact.count')}</th>
                </tr>
              </thead>
              <tbody>
                {result.transitions.map((tr, i) => (
                  <tr key={i}>
                    <td>{tr.from}</td>
                    <td>{tr.to}</td>
                    <td>{tr.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
