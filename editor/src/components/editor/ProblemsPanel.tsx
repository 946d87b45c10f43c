/** The problems the validator found; a click selects and centres the node or edge concerned. */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../language';
import { useCatalog } from '../../catalog';
import { failingTestText } from '../../i18n/testFailureText';
import { useTextSide } from '../../i18n/useLocalized';
import { useTestNames } from '../../hooks/useTestNames';
import { inputLabel } from '../../model/activityForm';
import { useEditor } from '../../store';

/** A problem's message values, the input field named by its label in the UI language where the step's activity is known. */
function useMessageParams(): (p: Problem) => Record<string, string> {
  const side = useTextSide();
  const activityByName = useCatalog((s) => s.activityByName);
  return (p) => {
    const field = p.params?.field;
    const node = field && p.nodeId ? useEditor.getState().nodes.find((n) => n.id === p.nodeId) : undefined;
    if (!field || node?.type !== 'activity') return { ...p.params };
    const props = activityByName[node.data.activity]?.inputSchema.properties as Record<string, Record<string, unknown>> | undefined;
    return { ...p.params, field: inputLabel(props?.[field], field, side) };
  };
}

export function ProblemsPanel() {
  const { t } = useTranslation();
  const problems = useEditor((s) => s.problems);
  const hidden = useEditor((s) => s.overlay !== null);
  const selectOnly = useEditor((s) => s.selectOnly);
  const paramsOf = useMessageParams();
  const testNames = useTestNames();
  /** A failing process test says why from its reasons' codes; any other problem from its own code. */
  const text = (p: Problem) =>
    p.code === 'process_test_failed' ? failingTestText(p, t, testNames) : t(`problemCode.${p.code}`, { defaultValue: p.message, message: p.message, ...paramsOf(p) });
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
                <span className="problem-where">{p.code === 'process_test_failed' ? t('dryRun.tests') : (p.nodeId ?? p.edgeId ?? (p.path || t('problems.process')))}</span>
                <span className="problem-message">{text(p)}</span>
                <code className="problem-code">{p.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
