/**
 * Where a skipped step goes and what it writes: shared by the interpreter, which acts on a skip,
 * and the API, which refuses one the case would refuse (naming the field) before sending it.
 * No Temporal imports: this runs in the workflow sandbox and in the API.
 */
import { normalEdges, type Graph } from '../definition/graph';
import type { ProcessEdge, ProcessNode } from '../definition/schema';

/** How an exit is named to an operator: its outcome, 'default', or its id. */
export const exitName = (e: ProcessEdge): string => e.outcome ?? (e.default ? 'default' : e.id);

/** The edge a skip takes: the one named by its outcome (or id), 'default' for a default edge, the only exit when none is named. */
export function skipEdge(graph: Graph, nodeId: string, outcome: string | undefined): ProcessEdge {
  const edges = normalEdges(graph, nodeId);
  if (outcome === undefined) {
    if (edges.length === 1) return edges[0];
    throw new Error(`node '${nodeId}' has ${edges.length} exits: name the outcome to take (${edges.map(exitName).join(', ')})`);
  }
  const edge = edges.find((e) => e.outcome === outcome || e.id === outcome || (outcome === 'default' && e.default));
  if (!edge) throw new Error(`node '${nodeId}' has no exit for outcome '${outcome}' (its exits: ${edges.map(exitName).join(', ')})`);
  return edge;
}

/** The variable a node's result goes to, which a skip's output replaces. */
export function outputVariable(node: ProcessNode): string | undefined {
  if (node.type === 'decision') return node.output ?? 'decision';
  return node.type === 'activity' ? node.output : undefined;
}

/** Why a skip with this output cannot be taken at `node`, or undefined when it can. */
export function skipOutputProblem(node: ProcessNode, output: unknown): string | undefined {
  return output !== undefined && !outputVariable(node) ? `node '${node.id}' writes no variable: a skip of it takes no output` : undefined;
}
