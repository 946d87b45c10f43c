/** The properties tab: the selected node's or edge's panel, or the process's own when nothing is selected. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../store';
import { ProcessPanel } from './ProcessPanel';

// The node and edge forms (with the JSONata parser they check expressions with) load on first selection,
// so opening a large process draws the canvas sooner.
const NodePanel = lazy(() => import('./NodePanel').then((m) => ({ default: m.NodePanel })));
const EdgePanel = lazy(() => import('./EdgePanel').then((m) => ({ default: m.EdgePanel })));

export function PropertiesPanel() {
  const { t } = useTranslation();
  const nodeId = useEditor((s) => (s.overlay ? undefined : s.nodes.find((n) => n.selected)?.id));
  const edgeId = useEditor((s) => (s.overlay ? undefined : s.edges.find((e) => e.selected)?.id));
  const readOnly = useEditor((s) => s.overlay !== null);
  if (readOnly) return <p className="muted panel-body">{t('overlay.readOnly')}</p>;
  if (!nodeId && !edgeId) return <ProcessPanel />;
  return (
    <Suspense fallback={<p className="muted panel-body">{t('common.loading')}</p>}>
      {nodeId ? <NodePanel key={nodeId} id={nodeId} /> : <EdgePanel key={edgeId} id={edgeId!} />}
    </Suspense>
  );
}
