/**
 * Graph helpers shared by the validator and the interpreter, so both agree on
 * what an edge means, which join closes which fork, and which nodes loop.
 */
import type { ProcessDefinition, ProcessEdge, ProcessNode } from './schema';

export interface Graph {
  nodes: Map<string, ProcessNode>;
  /** Outgoing edges by node id, in definition order. */
  out: Map<string, ProcessEdge[]>;
  /** Incoming edges by node id. */
  in: Map<string, ProcessEdge[]>;
}

export function buildGraph(def: Pick<ProcessDefinition, 'nodes' | 'edges'>): Graph {
  const nodes = new Map<string, ProcessNode>();
  for (const n of def.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const out = new Map<string, ProcessEdge[]>();
  const inc = new Map<string, ProcessEdge[]>();
  for (const id of nodes.keys()) {
    out.set(id, []);
    inc.set(id, []);
  }
  for (const e of def.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    out.get(e.from)!.push(e);
    inc.get(e.to)!.push(e);
  }
  return { nodes, out, in: inc };
}

/** Edges taken on normal completion (not the timeout or error paths). */
export function normalEdges(g: Graph, nodeId: string): ProcessEdge[] {
  return (g.out.get(nodeId) ?? []).filter((e) => e.on === undefined);
}

export function edgeOn(g: Graph, nodeId: string, on: 'timeout' | 'error'): ProcessEdge | undefined {
  return (g.out.get(nodeId) ?? []).find((e) => e.on === on);
}

/**
 * The join that closes a parallel fork: the join every branch reaches first,
 * stepping over nested fork/join pairs. `undefined` when the branches reach no
 * join (they all end), `null` when they reach different joins.
 */
export function matchingJoin(g: Graph, parallelId: string, depth = 0): string | undefined | null {
  if (depth > 50) return null;
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack = normalEdges(g, parallelId).map((e) => e.to);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = g.nodes.get(id);
    if (!node) continue;
    if (node.type === 'join') {
      found.add(id);
      continue;
    }
    if (node.type === 'parallel') {
      const inner = matchingJoin(g, id, depth + 1);
      if (inner === null) return null;
      if (inner !== undefined) stack.push(...(g.out.get(inner) ?? []).map((e) => e.to));
      continue;
    }
    stack.push(...(g.out.get(id) ?? []).map((e) => e.to));
  }
  if (found.size > 1) return null;
  return found.size === 1 ? [...found][0] : undefined;
}

/** Strongly connected components with a cycle in them (Tarjan), each a set of node ids. */
export function cycles(g: Graph): Set<string>[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: Set<string>[] = [];
  // Iterative to survive deep graphs without blowing the call stack.
  for (const root of g.nodes.keys()) {
    if (idx.has(root)) continue;
    const work: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = g.out.get(frame.id) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++].to;
        if (!idx.has(to)) {
          idx.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, idx.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === idx.get(frame.id)) {
        const comp = new Set<string>();
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.add(w);
        } while (w !== frame.id);
        const selfLoop = (g.out.get(frame.id) ?? []).some((e) => e.to === frame.id);
        if (comp.size > 1 || selfLoop) result.push(comp);
      }
    }
  }
  return result;
}

/** Node ids reachable from `from` following every edge. */
export function reachableFrom(g: Graph, from: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !g.nodes.has(id)) continue;
    seen.add(id);
    for (const e of g.out.get(id) ?? []) stack.push(e.to);
  }
  return seen;
}

/** Node ids from which some node in `targets` is reachable. */
export function canReach(g: Graph, targets: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...targets];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !g.nodes.has(id)) continue;
    seen.add(id);
    for (const e of g.in.get(id) ?? []) stack.push(e.from);
  }
  return seen;
}
