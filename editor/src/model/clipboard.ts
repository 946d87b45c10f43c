/** Copy and paste of a selection: the selected nodes and the edges between them, pasted with fresh ids. */
import { uniqueId } from './ids';
import type { FlowEdge, FlowNode } from './types';

export interface Clip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Clip | null {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((n) => n.id));
  return { nodes: picked, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** The clip as new, selected elements offset by `offset`, with ids unused by `nodes` and `edges`. */
export function pasteClip(clip: Clip, nodes: readonly FlowNode[], edges: readonly FlowEdge[], offset: number): Clip {
  const takenNodes = new Set(nodes.map((n) => n.id));
  const takenEdges = new Set(edges.map((e) => e.id));
  const renamed = new Map<string, string>();
  const pastedNodes = clip.nodes.map((n) => {
    const id = uniqueId(n.id.replace(/_\d+$/, ''), takenNodes);
    takenNodes.add(id);
    renamed.set(n.id, id);
    return { ...n, id, selected: true, position: { x: n.position.x + offset, y: n.position.y + offset } } as FlowNode;
  });
  const pastedEdges = clip.edges.map((e) => {
    const source = renamed.get(e.source)!;
    const target = renamed.get(e.target)!;
    const id = uniqueId(`${source}-${target}`, takenEdges);
    takenEdges.add(id);
    return { ...e, id, source, target, selected: false };
  });
  return { nodes: pastedNodes, edges: pastedEdges };
}
