/** A case's graph: its version's nodes and edges, the path it took, where it is now, visit counts and the timers running at its nodes. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingTimer } from '../../api/caseDetail';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { CASE_NODE, caseGraph, type CasePath } from '../../model/caseGraph';
import { ProcessGraphSvg } from '../graph/ProcessGraphSvg';

export function CaseGraph({ definition, path, timers = [] }: { definition: ProcessDefinition; path: CasePath; timers?: PendingTimer[] }) {
  const { t, i18n } = useTranslation();
  // The soonest timer of each node (the list is soonest first), marked on the node with its due time.
  const dueAt = new Map<string, string>();
  for (const timer of timers) if (!dueAt.has(timer.nodeId)) dueAt.set(timer.nodeId, timer.dueAt);
  const short = new Intl.DateTimeFormat(i18n.language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const g = caseGraph(definition, path);
  const box = useRef<HTMLDivElement>(null);
  // A narrow screen shows part of the graph: it starts scrolled to where the case is.
  const focus = g.nodes.find((n) => n.state === 'incident') ?? g.nodes.find((n) => n.state === 'current');
  useEffect(() => {
    if (box.current && focus) box.current.scrollLeft = Math.max(0, focus.x + CASE_NODE.width / 2 - box.current.clientWidth / 2);
  }, [focus?.id, focus?.x]);
  return (
    <div data-testid="case-graph">
      <div className="case-graph" ref={box}>
        <ProcessGraphSvg
          graph={g}
          label={t('casePage.graph')}
          testIdPrefix="case"
          nodeClass={(n) => n.state}
          nodeTitle={(n) => t(`casePage.nodeState.${n.state}`)}
          nodeData={(n) => ({ state: n.state, visits: n.visits })}
          nodeExtra={(n) => {
            const due = dueAt.get(n.id);
            return (
              <>
                {n.visits > 0 && (
                  <text x={CASE_NODE.width - 8} y="20" textAnchor="end" className="visits">
                    ×{n.visits}
                  </text>
                )}
                {due && (
                  // A clock drawn, not an emoji: phones and servers lack a font for those.
                  <g className="timer" data-testid="case-node-timer">
                    <title>{t('casePage.dueAt', { at: new Date(due).toLocaleString(i18n.language) })}</title>
                    <circle cx={CASE_NODE.width - 84} cy={CASE_NODE.height - 8.5} r="4" />
                    <path d={`M${CASE_NODE.width - 84} ${CASE_NODE.height - 11}v2.5h2`} />
                    <text x={CASE_NODE.width - 6} y={CASE_NODE.height - 5} textAnchor="end">
                      {short.format(new Date(due))}
                    </text>
                  </g>
                )}
              </>
            );
          }}
        />
      </div>
      <ul className="case-legend">
        {(['current', 'incident', 'visited', 'unvisited'] as const).map((s) => (
          <li key={s} className={`case-node ${s}`}>
            <span className="swatch" /> {t(`casePage.nodeState.${s}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
