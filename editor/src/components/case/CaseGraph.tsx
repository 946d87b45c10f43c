/** A case's graph: its version's nodes and edges, the path it took, where it is now, visit counts. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { CASE_NODE, caseGraph, type CasePath } from '../../model/caseGraph';
import { ProcessGraphSvg } from '../graph/ProcessGraphSvg';

export function CaseGraph({ definition, path }: { definition: ProcessDefinition; path: CasePath }) {
  const { t } = useTranslation();
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
          nodeExtra={(n) =>
            n.visits > 0 && (
              <text x={CASE_NODE.width - 8} y="20" textAnchor="end" className="visits">
                ×{n.visits}
              </text>
            )
          }
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
