/** The properties tab: the selected node's or edge's panel, or the process's own when nothing is selected. */
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../store';
import { EdgePanel } from './EdgePanel';
import { NodePanel } from './NodePanel';
import { ProcessPanel } from './ProcessPanel';

export function PropertiesPanel() {
  const { t } = useTranslation();
  const nodeId = useEditor((s) => (s.overlay ? undefined : s.nodes.find((n) => n.selected)?.id));
  const edgeId = useEditor((s) => (s.overlay ? undefined : s.edges.find((e) => e.selected)?.id));
  const readOnly = useEditor((s) => s.overlay !== null);
  if (readOnly) return <p className="muted panel-body">{t('overlay.readOnly')}</p>;
  if (nodeId) return <NodePanel key={nodeId} id={nodeId} />;
  if (edgeId) return <EdgePanel key={edgeId} id={edgeId} />;
  return <ProcessPanel />;
}
