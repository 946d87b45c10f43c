/** The start screen: every process and rule set with its published version and draft state. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listProcesses, type ProcessSummary } from '../api/processes';
import { listRuleSets, type RuleSetSummary } from '../api/rulesets';
import { NewProcessDialog } from '../components/list/NewProcessDialog';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { processHref, rulesetHref } from '../routes';

type Loaded<T> = { items: T[] } | { error: string } | null;

function useList<T>(load: () => Promise<T[]>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>(null);
  useEffect(() => {
    let cancelled = false;
    load()
      .then((items) => !cancelled && setState({ items }))
      .catch((err: unknown) => !cancelled && setState({ error: err instanceof Error ? err.message : String(err) }));
    return () => {
      cancelled = true;
    };
  }, [load]);
  return state;
}

type Summary = ProcessSummary | RuleSetSummary;

function SummaryTable({ state, href, testId }: { state: Loaded<Summary>; href(key: string): string; testId: string }) {
  const { t, i18n } = useTranslation();
  const side = useTextSide();
  if (state === null) return <p className="muted">{t('common.loading')}</p>;
  if ('error' in state) return <p className="field-error">{t('list.loadFailed', { message: state.error })}</p>;
  if (state.items.length === 0) return <p className="muted">{t('list.empty')}</p>;
  return (
    <table className="list-table" data-testid={testId}>
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
            <td>
              <a href={href(p.key)}>{pickText(p.name, side) ?? p.key}</a>
            </td>
            <td>
              <code>{p.key}</code>
            </td>
            <td>{p.latestVersion === null ? <span className="muted">{t('list.unpublished')}</span> : `v${p.latestVersion}`}</td>
            <td>{p.hasDraft ? <span className="badge">{t('list.hasDraft')}</span> : ''}</td>
            <td>{new Date(p.updatedAt).toLocaleString(i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ListScreen() {
  const { t } = useTranslation();
  const processes = useList(listProcesses);
  const rulesets = useList(listRuleSets);
  const [creating, setCreating] = useState(false);
  return (
    <main className="list-screen">
      <section>
        <div className="section-head">
          <h2>{t('list.processes')}</h2>
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-process">
            {t('list.newProcess')}
          </button>
        </div>
        <SummaryTable state={processes} href={processHref} testId="process-list" />
      </section>
      <section>
        <h2>{t('list.rulesets')}</h2>
        <SummaryTable state={rulesets} href={rulesetHref} testId="ruleset-list" />
      </section>
      {creating && <NewProcessDialog onClose={() => setCreating(false)} />}
    </main>
  );
}
