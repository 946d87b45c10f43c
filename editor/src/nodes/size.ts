/**
 * The size nodes are drawn at (see .flow-node in the styles). React Flow uses it before it has
 * measured a node, so a large process shows nodes and edges in its first paint, and the layout
 * uses it for nodes not yet measured.
 */
export const NODE_SIZE = { width: 180, height: 60 } as const;
