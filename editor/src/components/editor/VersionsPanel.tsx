/**
 * Published versions: view one, restore it into the draft, or compare two (or a version and the
 * draft) with the differences coloured on the graph.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDefinitions } from '../../../../workflows/definition/diff';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { getProcessVersion, type VersionInfo } from '../../api/processes';
import { currentDefinition } from '../../hooks/useProcessDocument';
import { toFlow } from '../../model/convert';
import { diffGraph, type DefinitionDiff } from '../../model/marks';
import { placed } from '../../layout/elk';
import { useEditor } from '../../store';

interface VersionsPanelProps {
  processKey: string;
  versions: VersionInfo[];
}

type Side = number | 'draft';

export function VersionsPanel({ processKey, versions }: VersionsPanelProps) {
  const { t, i18n } = useTranslation();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<Side>(sorted[0]?.version ?? 'draft');
  const [to, setTo] = useState<Side>('draft');
  const [diff, setDiff] = useState<DefinitionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setOverlay = useEditor((s) => s.setOverlay);
  const overlayKind = useEditor((s) => s.overlay?.kind);

  const definitionOf = async (side: Side): Promise<ProcessDefinition> =>
    side === 'draft' ? currentDefinition() : (await getProcessVersion(processKey, side)).definition;
  const name = (side: Side) => (side === 'draft' ? t('versions.draft') : `v${side}`);

  const run = (task: () => Promise<void>) => {
    setError(null);
    task().catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  const view = (version: number) =>
    run(async () => {
      const { nodes, edges, positioned } = toFlow(await definitionOf(version));
      setDiff(null);
      setOverlay({ kind: 'version', label: `v${version}`, nodes: await placed(nodes, edges, positioned), edges, marks: { nodes: {}, edges: {} } });
    });

  const restore = (version: number) =>
    run(async () => {
      const { meta, nodes, edges, positioned } = toFlow({ ...(await definitionOf(version)), key: processKey });
      const laidOut = await placed(nodes, edges, positioned);
      setOverlay(null);
      useEditor.getState().replaceGraph({ meta, nodes: laidOut, edges });
    });

  const compare = () =>
    run(async () => {
      const [a, b] = await Promise.all([definitionOf(from), definitionOf(to)]);
      const result = diffDefinitions(a, b);
      const { nodes, edges, marks, positioned } = diffGraph(a, b, result);
      setDiff(result);
      setOverlay({ kind: 'diff', label: `${name(from)} → ${name(to)}`, nodes: await placed(nodes, edges, positioned), edges, marks });
    });

  const options = [...sorted.map((v) => v.version as Side), 'draft' as Side];
  const sideSelect = (value: Side, onChange: (s: Side) => void, testId: string) => (
    <select value={String(value)} onChange={(e) => onChange(e.target.value === 'draft' ? 'draft' : Number(e.target.value))} data-testid={testId}>
      {options.map((o) => (
        <option key={String(o)} value={String(o)}>
          {name(o)}
        </option>
      ))}
    </select>
  );

  return (
    <div className="panel-body" data-testid="versions-panel">
      <h3>{t('versions.compare')}</h3>
      <div className="compare-row">
        {sideSelect(from, setFrom, 'diff-from')}
        <span>→</span>
        {sideSelect(to, setTo, 'diff-to')}
        <button type="button" onClick={compare} disabled={from === to} data-testid="show-diff">
          {t('versions.showDiff')}
        </button>
      </div>
      {error && <p className="field-error">{error}</p>}
      {diff && overlayKind === 'diff' && <DiffSummary diff={diff} />}
      <h3>{t('versions.title')}</h3>
      {sorted.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ul className="versions" data-testid="versions-list">
        {sorted.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <div>
              <strong>v{v.version}</strong> · {v.author} · {new Date(v.createdAt).toLocaleString(i18n.language)}
            </div>
            <div className="version-comment">{v.comment}</div>
            <div className="version-actions">
              <button type="button" className="link" onClick={() => view(v.version)}>
                {t('versions.view')}
              </button>
              <button type="button" className="link" onClick={() => restore(v.version)}>
                {t('versions.restore')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DiffSummary({ diff }: { diff: DefinitionDiff }) {
  const { t } = useTranslation();
  const rows = [
    { mark: 'added', nodes: diff.nodes.added, edges: diff.edges.added },
    { mark: 'removed', nodes: diff.nodes.removed, edges: diff.edges.removed },
    { mark: 'changed', nodes: diff.nodes.changed.map((c) => c.id), edges: diff.edges.changed.map((c) => c.id) },
  ];
  return (
    <div className="diff-summary" data-testid="diff-summary">
      {rows.map((r) => (
        <div key={r.mark} className={`diff-row mark-${r.mark}`}>
          <span className="swatch" aria-hidden />
          <strong>{t(`diff.${r.mark}`)}</strong> {t('diff.counts', { nodes: r.nodes.length, edges: r.edges.length })}
          {r.nodes.length > 0 && <div className="diff-ids">{r.nodes.join(', ')}</div>}
        </div>
      ))}
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
