/**
 * A process version's graph as an SVG, laid out by model/caseGraph.ts: the case page marks the path
 * a case took on it, the heatmap colours it by where cases are and how long they stay. What each
 * node shows beyond its kind and name, and its class, are the caller's.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { CASE_NODE, type CaseGraph, type GraphNode } from '../../model/caseGraph';
import '../../styles/graph.css';

interface Props {
  graph: CaseGraph;
  label: string;
  /** Extra class names of a node (its state or its heat). */
  nodeClass(node: GraphNode): string;
  /** What a node shows in its top right corner and under its name. */
  nodeExtra?(node: GraphNode): ReactNode;
  /** The node's tooltip. */
  nodeTitle(node: GraphNode): string;
  /** Data attributes of a node, for tests and styling. */
  nodeData?(node: GraphNode): Record<string, string | number>;
  onNodeClick?(node: GraphNode): void;
  testIdPrefix: string;
}

export function ProcessGraphSvg({ graph: g, label, nodeClass, nodeExtra, nodeTitle, nodeData, onNodeClick, testIdPrefix }: Props) {
  const { t } = useTranslation();
  const side = useTextSide();
  return (
    <svg viewBox={`-10 -10 ${g.width + 10} ${g.height + 10}`} width={g.width + 10} height={g.height + 10} role="img" aria-label={label}>
      <defs>
        <marker id={`${testIdPrefix}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      {g.edges.map((e) => {
        const mid = (e.from.x + e.to.x) / 2;
        return (
          <g key={e.id} className={`case-edge${e.taken ? ' taken' : ''}`} data-testid={`${testIdPrefix}-edge-${e.id}`} data-taken={e.taken}>
            <path d={`M${e.from.x},${e.from.y} C${mid},${e.from.y} ${mid},${e.to.y} ${e.to.x},${e.to.y}`} markerEnd={`url(#${testIdPrefix}-arrow)`} />
            {e.label && (
              <text x={mid} y={(e.from.y + e.to.y) / 2 - 4} textAnchor="middle">
                {e.label}
              </text>
            )}
          </g>
        );
      })}
      {g.nodes.map((n) => (
        <g
          key={n.id}
          className={`case-node ${nodeClass(n)}${onNodeClick ? ' clickable' : ''}`}
          transform={`translate(${n.x},${n.y})`}
          data-testid={`${testIdPrefix}-node-${n.id}`}
          {...Object.fromEntries(Object.entries(nodeData?.(n) ?? {}).map(([k, v]) => [`data-${k}`, v]))}
          onClick={onNodeClick && (() => onNodeClick(n))}
        >
          <title>{nodeTitle(n)}</title>
          <rect width={CASE_NODE.width} height={CASE_NODE.height} rx="8" />
          <text x="10" y="20" className="kind">
            {t(`kind.${n.type}`)}
          </text>
          <text x="10" y="40" className="title">
            {(pickText(n.label, side) ?? n.id).slice(0, 20)}
          </text>
          {nodeExtra?.(n)}
        </g>
      ))}
    </svg>
  );
}
