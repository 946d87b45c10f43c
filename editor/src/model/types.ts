/** The editor's view of a process definition: React Flow nodes and edges whose `data` is plain config. */
import type { Edge, Node } from '@xyflow/react';
import type { NodeOf, NodeType, ProcessDefinition, ProcessEdge } from '../../../workflows/definition/schema';

/**
 * A node's config as held in React Flow `data`: the definition node minus what React Flow keeps itself.
 * Distributes over the kinds, so `NodeConfig` alone is the union of every kind's config.
 */
export type NodeConfig<T extends NodeType = NodeType> = T extends NodeType ? Omit<NodeOf<T>, 'id' | 'type' | 'position'> : never;

export type FlowNodeOf<T extends NodeType> = Node<NodeConfig<T>, T>;

/** Any editor node, discriminated on `type` like the definition's nodes. */
export type FlowNode = { [T in NodeType]: FlowNodeOf<T> }[NodeType];

/** An edge's config as held in React Flow `data`. */
export type EdgeConfig = Omit<ProcessEdge, 'id' | 'from' | 'to'>;

export type FlowEdge = Edge<EdgeConfig, 'process'>;

/** The definition's fields outside the graph. */
export type ProcessMeta = Omit<ProcessDefinition, 'nodes' | 'edges'>;

/** A whole graph as the editor holds it. */
export interface FlowGraph {
  meta: ProcessMeta;
  nodes: FlowNode[];
  edges: FlowEdge[];
}
