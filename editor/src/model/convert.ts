/**
 * Pure conversion between a ProcessDefinition and the editor's React Flow graph.
 * Round-trips losslessly: toDefinition(toFlow(d)) equals d up to key order,
 * positions (assigned when missing, rounded when saved) and keys holding `undefined`.
 */
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '../../../workflows/definition/schema';
import { NODE_SIZE } from '../nodes/size';
import type { EdgeConfig, FlowEdge, FlowGraph, FlowNode, NodeConfig, ProcessMeta } from './types';

/** Spacing of the fallback grid used for nodes saved without a position (auto-layout refines it). */
const GRID = { columns: 6, dx: 220, dy: 120 } as const;

/** Removes keys whose value is `undefined`: cleared form fields leave them behind, and a saved definition must not carry them. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function nodeToFlow(node: ProcessNode, index: number): FlowNode {
  const { id, type, position, ...config } = node;
  const fallback = { x: (index % GRID.columns) * GRID.dx, y: Math.floor(index / GRID.columns) * GRID.dy };
  return {
    id,
    type,
    position: position ? { ...position } : fallback,
    data: config,
    initialWidth: NODE_SIZE.width,
    initialHeight: NODE_SIZE.height,
  } as FlowNode;
}

export function edgeToFlow(edge: ProcessEdge): FlowEdge {
  const { id, from, to, ...config } = edge;
  return { id, source: from, target: to, type: 'process', data: config };
}

/** Splits a definition into the editor's meta, nodes and edges. */
export function toFlow(def: ProcessDefinition): FlowGraph & { positioned: boolean } {
  const { nodes, edges, ...meta } = def;
  return {
    meta,
    nodes: nodes.map(nodeToFlow),
    edges: edges.map(edgeToFlow),
    positioned: nodes.every((n) => n.position !== undefined),
  };
}

export function nodeFromFlow(node: FlowNode): ProcessNode {
  const config = compact(node.data as NodeConfig);
  return {
    id: node.id,
    type: node.type,
    ...config,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
  } as ProcessNode;
}

export function edgeFromFlow(edge: FlowEdge): ProcessEdge {
  return { id: edge.id, from: edge.source, to: edge.target, ...compact((edge.data ?? {}) as EdgeConfig) };
}

/** Assembles the definition the API stores from the editor's graph. */
export function toDefinition(meta: ProcessMeta, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): ProcessDefinition {
  return { ...compact(meta), nodes: nodes.map(nodeFromFlow), edges: edges.map(edgeFromFlow) };
}
