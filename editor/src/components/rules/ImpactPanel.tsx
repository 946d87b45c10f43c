/** Impact preview: the saved draft re-evaluated over recent recorded decisions, and what it would change. */
import { useTranslation } from 'react-i18next';
import { simulateRuleSet, type Candidate, type Simulation } from '../../api/rulesets';
import { useRequest } from '../../hooks/useRequest';

interface ImpactPanelProps {
  rulesetKey: string;
  /** The rules to re-evaluate with (saving unsaved edits first); null when they could not be saved. */
  candidate(): Promise<Candidate | null>;
}

export function ImpactPanel({ rulesetKey, candidate }: ImpactPanelProps) {
  const { t } = useTranslation();
  const { result, error, busy, run: request } = useRequest<Simulation>();

  const run = () =>
    request(async () => {
      const rules = await candidate();
      return rules ? simulateRuleSet(rulesetKey, rules) : null;
    });

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
          {result.paramsChanged > 0 && <p>{t('impact.paramsChanged', { count: result.paramsChanged })}</p>}
          {result.errors > 0 && <p className="field-error">{t('impact.errors', { count: result.errors })}</p>}
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
                    <td>{tr.from ?? t('impact.noOutcome')}</td>
                    <td>
                      {tr.to ?? t('impact.noOutcome')}
                      {tr.paramChanges && (
                        <div className="muted">
                          {Object.entries(tr.paramChanges)
                            .map(([name, c]) => `${name}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
                            .join('; ')}
                        </div>
                      )}
                    </td>
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
