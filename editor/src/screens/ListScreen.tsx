/** The start screen: every process and rule set with its published version and draft state (what the user may read). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listProcesses, type ProcessSummary } from '../api/processes';
import { listRuleSets, type RuleSetSummary } from '../api/rulesets';
import { useCan } from '../auth/session';
import { NewDocumentDialog, type NewDocumentFor } from '../components/list/NewDocumentDialog';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { heatmapHref, processHref, rulesetHref } from '../routes';
import { errorText } from '../i18n/errorText';

type Loaded<T> = { items: T[] } | { error: string } | null;

/** The list `load` answers; none asked for when `allowed` is false. */
function useList<T>(load: () => Promise<T[]>, allowed: boolean): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>(null);
  useEffect(() => {
    if (!allowed) return;
    let cancelled = false;
    load()
      .then((items) => !cancelled && setState({ items }))
      .catch((err: unknown) => !cancelled && setState({ error: errorText(err) }));
    return () => {
      cancelled = true;
    };
  }, [load, allowed]);
  return state;
}

type Summary = ProcessSummary | RuleSetSummary;

/** `heatmap`: a published process links to its heatmap (for those who may read cases). */
function SummaryTable({ state, href, testId, heatmap = false }: { state: Loaded<Summary>; href(key: string): string; testId: string; heatmap?: boolean }) {
  const { t, i18n } = useTranslation();
  const side = useTextSide();
  if (state === null) return <p className="muted">{t('common.loading')}</p>;
  if ('error' in state) return <p className="field-error">{t('list.loadFailed', { message: state.error })}</p>;
  if (state.items.length === 0) return <p className="muted">{t('list.empty')}</p>;
  return (
    <table className="list-table stacking" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('list.name')}</th>
          <th>{t('list.key')}</th>
          <th>{t('list.published')}</th>
          <th>{t('list.draft')}</th>
          <th>{t('list.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {state.items.map((p) => (
          <tr key={p.key} data-testid={`row-${p.key}`}>
            <td data-label={t('list.name')}>
              <a href={href(p.key)}>{pickText(p.name, side) ?? p.key}</a>
            </td>
            <td data-label={t('list.key')}>
              <code>{p.key}</code>
            </td>
            <td data-label={t('list.published')}>
              {p.latestVersion === null ? <span className="muted">{t('list.unpublished')}</span> : `v${p.latestVersion}`}
              {heatmap && p.latestVersion !== null && (
                <>
                  {' · '}
                  <a href={heatmapHref(p.key)} data-testid={`heatmap-link-${p.key}`}>
                    {t('heatmap.title')}
                  </a>
                </>
              )}
            </td>
            <td data-label={t('list.draft')}>{p.hasDraft ? <span className="badge">{t('list.hasDraft')}</span> : ''}</td>
            <td data-label={t('list.updated')}>{new Date(p.updatedAt).toLocaleString(i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ListScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const processes = useList(listProcesses, can('process.read'));
  const rulesets = useList(listRuleSets, can('ruleset.read'));
  const [creating, setCreating] = useState<NewDocumentFor | null>(null);
  return (
    <main className="list-screen">
      {can('process.read') && (
        <section>
          <div className="section-head">
            <h2>{t('list.processes')}</h2>
            {can('process.write') && (
              <button type="button" className="primary" onClick={() => setCreating('process')} data-testid="new-process">
                {t('list.newProcess')}
              </button>
            )}
          </div>
          <SummaryTable state={processes} href={processHref} testId="process-list" heatmap={can('case.read')} />
        </section>
      )}
      {can('ruleset.read') && (
        <section>
          <div className="section-head">
            <h2>{t('list.rulesets')}</h2>
            {can('ruleset.write') && (
              <button type="button" className="primary" onClick={() => setCreating('ruleset')} data-testid="new-ruleset">
                {t('list.newRuleSet')}
              </button>
            )}
          </div>
          <SummaryTable state={rulesets} href={rulesetHref} testId="ruleset-list" />
        </section>
      )}
      {creating && <NewDocumentDialog kind={creating} onClose={() => setCreating(null)} />}
    </main>
  );
}
