/**
 * What changed between two process definitions, by node and edge id, and which process settings
 * (name, variables...) changed: shown when comparing versions and when publishing. Node positions
 * are not in the diff (workflows/definition/diff.ts), so a layout-only change reads as none.
 */
import { useTranslation } from 'react-i18next';
import type { DefinitionDiff } from '../../model/marks';

/** `fields`: the process settings that differ, where the diff has them (diffDefinitions does). */
export function DiffSummary({ diff }: { diff: DefinitionDiff & { fields?: string[] } }) {
  const { t } = useTranslation();
  const fields = diff.fields ?? [];
  const rows = [
    { mark: 'added', nodes: diff.nodes.added, edges: diff.edges.added },
    { mark: 'removed', nodes: diff.nodes.removed, edges: diff.edges.removed },
    { mark: 'changed', nodes: diff.nodes.changed.map((c) => c.id), edges: diff.edges.changed.map((c) => c.id) },
  ];
  const empty = rows.every((r) => r.nodes.length === 0 && r.edges.length === 0) && fields.length === 0;
  if (empty) return <p className="muted" data-testid="diff-summary" data-empty="true">{t('diff.none')}</p>;
  return (
    <div className="diff-summary" data-testid="diff-summary">
      {rows.map((r) => (
        <div key={r.mark} className={`diff-row mark-${r.mark}`}>
          <span className="swatch" aria-hidden />
          <strong>{t(`diff.${r.mark}`)}</strong> {t('diff.counts', { nodes: r.nodes.length, edges: r.edges.length })}
          {r.nodes.length > 0 && <div className="diff-ids">{r.nodes.join(', ')}</div>}
        </div>
      ))}
      {fields.length > 0 && (
        <div className="diff-row" data-testid="diff-process-fields">
          <strong>{t('diff.sections.fields')}</strong> <span className="diff-ids">{fields.join(', ')}</span>
        </div>
      )}
      {diff.nodes.changed.length > 0 && (
        <ul className="diff-fields">
          {diff.nodes.changed.map((c) => (
            <li key={c.id}>
              <code>{c.id}</code>: {c.fields.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
