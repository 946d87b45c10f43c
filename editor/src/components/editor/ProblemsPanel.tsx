/** The problems the validator found; a click selects and centres the node or edge concerned. */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../language';
import { useEditor } from '../../store';

export function ProblemsPanel() {
  const { t } = useTranslation();
  const problems = useEditor((s) => s.problems);
  const hidden = useEditor((s) => s.overlay !== null);
  const selectOnly = useEditor((s) => s.selectOnly);
  const { fitView } = useReactFlow();
  const [open, setOpen] = useState(true);

  const focus = (p: Problem) => {
    const edge = p.edgeId ? useEditor.getState().edges.find((e) => e.id === p.edgeId) : undefined;
    const ids = p.nodeId ? [p.nodeId] : edge ? [edge.source, edge.target] : [];
    if (ids.length === 0) return;
    selectOnly({ nodeId: p.nodeId, edgeId: p.nodeId ? undefined : p.edgeId });
    void fitView({ nodes: ids.map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.4 });
  };

  if (hidden) return null;
  return (
    <section className={`problems${problems.length > 0 ? ' has-problems' : ''}`} data-testid="problems-panel" data-count={problems.length}>
      <button type="button" className="problems-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        {problems.length === 0 ? `✓ ${t('problems.none')}` : `⚠ ${t('problems.count', { count: problems.length })}`}
      </button>
      {open && problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" onClick={() => focus(p)} data-testid="problem-item" data-code={p.code} data-node-id={p.nodeId} data-edge-id={p.edgeId}>
                <span className="problem-where">{p.nodeId ?? p.edgeId ?? (p.path || t('problems.process'))}</span>
                <span className="problem-message" title={p.message}>
                  {t(`problemCode.${p.code}`, { defaultValue: p.message, message: p.message })}
                </span>
                <code className="problem-code">{p.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
