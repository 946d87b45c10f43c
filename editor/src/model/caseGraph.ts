/**
 * A case's graph as its page draws it: the nodes of the case's own version where the designer put
 * them (or, for a version saved without positions, in columns by distance from the start), each
 * with how often the case passed through it and whether it is current, waiting with an incident,
 * passed or not reached; and each edge with whether the case took it.
 */
import type { ProcessDefinition } from '../../../workflows/definition/schema';

export const CASE_NODE = { width: 160, height: 56 } as const;
const GAP = { x: 70, y: 40 } as const;

export type NodeState = 'incident' | 'current' | 'visited' | 'unvisited';

export interface GraphNode {
  id: string;
  type: string;
  label?: { zh?: string; en?: string };
  x: number;
  y: number;
  visits: number;
  state: NodeState;
}

export interface GraphEdge {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
  taken: boolean;
  label?: string;
}

export interface CaseGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

export interface CasePath {
  activeNodes: readonly string[];
  history: readonly { nodeId: string; edgeId?: string }[];
  /** Nodes waiting with an open incident. */
  incidentNodes: readonly string[];
}

/** Columns by breadth-first distance from the start node; nodes not reached from it go last. */
function layered(def: ProcessDefinition): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  const start = def.nodes.find((n) => n.type === 'start')?.id ?? def.nodes[0]?.id;
  const queue = start ? [start] : [];
  if (start) depth.set(start, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of def.edges) {
      if (e.from === id && !depth.has(e.to)) {
        depth.set(e.to, depth.get(id)! + 1);
        queue.push(e.to);
      }
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  for (const n of def.nodes) {
    const col = depth.get(n.id) ?? last;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    at.set(n.id, { x: col * (CASE_NODE.width + GAP.x), y: row * (CASE_NODE.height + GAP.y) });
  }
  return at;
}

export function caseGraph(def: ProcessDefinition, path: CasePath): CaseGraph {
  const positioned = def.nodes.every((n) => n.position);
  const at = positioned ? new Map(def.nodes.map((n) => [n.id, { ...n.position! }])) : layered(def);
  // Shift so the drawing starts at the origin, whatever coordinates the editor used.
  const minX = Math.min(...[...at.values()].map((p) => p.x));
  const minY = Math.min(...[...at.values()].map((p) => p.y));
  const visits = new Map<string, number>();
  for (const v of path.history) visits.set(v.nodeId, (visits.get(v.nodeId) ?? 0) + 1);
  const taken = new Set(path.history.flatMap((v) => (v.edgeId ? [v.edgeId] : [])));
  const nodes: GraphNode[] = def.nodes.map((n) => {
    const p = at.get(n.id)!;
    const count = visits.get(n.id) ?? 0;
    const state: NodeState = path.incidentNodes.includes(n.id) ? 'incident' : path.activeNodes.includes(n.id) ? 'current' : count > 0 ? 'visited' : 'unvisited';
    return { id: n.id, type: n.type, label: n.label, x: p.x - minX, y: p.y - minY, visits: count, state };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: GraphEdge[] = def.edges.flatMap((e) => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) return [];
    const label = e.outcome ?? e.on ?? (e.default ? 'default' : undefined);
    return [{ id: e.id, from: { x: a.x + CASE_NODE.width, y: a.y + CASE_NODE.height / 2 }, to: { x: b.x, y: b.y + CASE_NODE.height / 2 }, taken: taken.has(e.id), label }];
  });
  return {
    nodes,
    edges,
    width: Math.max(...nodes.map((n) => n.x + CASE_NODE.width)) + 10,
    height: Math.max(...nodes.map((n) => n.y + CASE_NODE.height)) + 10,
  };
}
