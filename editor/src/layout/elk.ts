/** Automatic layout: ELK's layered algorithm, left to right or top to bottom as the process says (the handles follow). */
import type { XYPosition } from '@xyflow/react';
import type { ELK } from 'elkjs/lib/elk-api';
import type { LayoutDirection } from '../../../workflows/definition/schema';
import type { FlowEdge, FlowNode } from '../model/types';
import { NODE_SIZE } from '../nodes/size';

let elk: Promise<ELK> | undefined;

/** ELK is over a megabyte: it is fetched the first time a layout is needed, not with the editor. */
function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk());
  return elk;
}

const options = (direction: LayoutDirection) => ({
  'elk.algorithm': 'layered',
  'elk.direction': direction === 'down' ? 'DOWN' : 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '36',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.edgeRouting': 'ORTHOGONAL',
});

/** New top-left positions for every node; edges to missing nodes are ignored so a half-drawn graph still lays out. */
export async function layoutPositions(nodes: readonly FlowNode[], edges: readonly FlowEdge[], direction: LayoutDirection = 'right'): Promise<Record<string, XYPosition>> {
  const ids = new Set(nodes.map((n) => n.id));
  const result = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: options(direction),
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? NODE_SIZE.width,
      height: n.measured?.height ?? NODE_SIZE.height,
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return Object.fromEntries((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}

/** The nodes as they are when they were saved with positions, else laid out. */
export async function placed(nodes: FlowNode[], edges: readonly FlowEdge[], positioned: boolean, direction?: LayoutDirection): Promise<FlowNode[]> {
  return positioned ? nodes : withPositions(nodes, await layoutPositions(nodes, edges, direction));
}

export function withPositions<T extends FlowNode>(nodes: readonly T[], positions: Record<string, XYPosition>): T[] {
  return nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] } : n));
}
