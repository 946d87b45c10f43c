/**
 * Published versions: view one, restore it into the draft, or compare two (or a version and the
 * draft) with the differences coloured on the graph.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDefinitions } from '../../../../workflows/definition/diff';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import type { VersionInfo } from '../../api/documents';
import { processApi } from '../../api/processes';
import { currentDefinition } from '../../hooks/processDocument';
import { toFlow } from '../../model/convert';
import { diffGraph, type DefinitionDiff } from '../../model/marks';
import { placed } from '../../layout/elk';
import { useEditor } from '../../store';
import { DiffSummary } from '../versions/DiffSummary';
import { useSideName, VersionCompare, type Side } from '../versions/VersionCompare';
import { VersionList } from '../versions/VersionList';
import { errorText } from '../../i18n/errorText';

interface VersionsPanelProps {
  processKey: string;
  versions: VersionInfo[];
}

export function VersionsPanel({ processKey, versions }: VersionsPanelProps) {
  const { t } = useTranslation();
  const name = useSideName();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [diff, setDiff] = useState<DefinitionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setOverlay = useEditor((s) => s.setOverlay);
  const overlayKind = useEditor((s) => s.overlay?.kind);

  const definitionOf = async (side: Side): Promise<ProcessDefinition> =>
    side === 'draft' ? currentDefinition() : (await processApi.version(processKey, side)).definition;

  const run = (task: () => Promise<void>) => {
    setError(null);
    task().catch((err: unknown) => setError(errorText(err)));
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

  const compare = (from: Side, to: Side) =>
    run(async () => {
      const [a, b] = await Promise.all([definitionOf(from), definitionOf(to)]);
      const result = diffDefinitions(a, b);
      const { nodes, edges, marks, positioned } = diffGraph(a, b, result);
      setDiff(result);
      setOverlay({ kind: 'diff', label: `${name(from)} → ${name(to)}`, nodes: await placed(nodes, edges, positioned), edges, marks });
    });

  return (
    <div className="panel-body" data-testid="versions-panel">
      <h3>{t('versions.compare')}</h3>
      <VersionCompare versions={sorted} button={t('versions.showDiff')} onCompare={compare} />
      {error && <p className="field-error">{error}</p>}
      {diff && overlayKind === 'diff' && <DiffSummary diff={diff} />}
      <VersionList
        versions={sorted}
        actions={(version) => (
          <>
            <button type="button" className="link" onClick={() => view(version)}>
              {t('versions.view')}
            </button>
            <button type="button" className="link" onClick={() => restore(version)}>
              {t('versions.restore')}
            </button>
          </>
        )}
      />
    </div>
  );
}
