/**
 * Groups drawn on the canvas (the definition's `groups`, presentation only): an open group is a
 * frame behind its members; a collapsed one is a single box in their place, the edges that cross
 * its border drawn to and from the box and the edges inside it not drawn. Pure: the store keeps the
 * real nodes and edges, and the canvas draws what this derives from them.
 */
import type { Node } from '@xyflow/react';
import type { LayoutDirection, ProcessGroup } from '../../../workflows/definition/schema';
import { NODE_SIZE } from '../nodes/size';
import { sideHandles } from './handles';
import type { FlowEdge, FlowNode } from './types';

export interface GroupNodeData extends Record<string, unknown> {
  group: ProcessGroup;
  /** Members that exist (a group may still name a node just deleted). */
  count: number;
}

export type GroupBoxNode = Node<GroupNodeData, 'groupBox'>;
export type GroupFrameNode = Node<GroupNodeData, 'groupFrame'>;
/** What the canvas draws: the process's nodes and the groups' boxes and frames. */
export type CanvasNode = FlowNode | GroupBoxNode | GroupFrameNode;

const BOX_PREFIX = 'group-box:';
const FRAME_PREFIX = 'group-frame:';
/** Room between an open group's members and its frame; the top holds its header. */
const FRAME_PAD = { side: 16, top: 40 };

export const groupBoxId = (groupId: string) => `${BOX_PREFIX}${groupId}`;
/** Whether a canvas node is one of the groups' drawings rather than a node of the process. */
export const isGroupDrawing = (id: string) => id.startsWith(BOX_PREFIX) || id.startsWith(FRAME_PREFIX);

/**
 * A drawing's size and its measurement given up front. The canvas does not keep React Flow's
 * measurements of drawings (they are no edit of the graph), and React Flow neither shows a node
 * nor counts the canvas measured before it has one.
 */
const measuredAs = (width: number, height: number) => ({ width, height, measured: { width, height } });

function bounds(members: readonly FlowNode[]) {
  const right = (n: FlowNode) => n.position.x + (n.measured?.width ?? NODE_SIZE.width);
  const bottom = (n: FlowNode) => n.position.y + (n.measured?.height ?? NODE_SIZE.height);
  return {
    x: Math.min(...members.map((n) => n.position.x)),
    y: Math.min(...members.map((n) => n.position.y)),
    right: Math.max(...members.map(right)),
    bottom: Math.max(...members.map(bottom)),
  };
}

/** The nodes and edges the canvas draws for a graph and its groups. */
export function shownGraph(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  groups: readonly ProcessGroup[] | undefined,
  direction: LayoutDirection = 'right',
): { nodes: CanvasNode[]; edges: FlowEdge[] } {
  if (!groups?.length) return { nodes: nodes as FlowNode[], edges: edges as FlowEdge[] };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  /** Member node id → the box drawn in its place, for members of collapsed groups. */
  const boxOf = new Map<string, string>();
  const drawings: CanvasNode[] = [];
  for (const group of groups) {
    const members = group.nodes.map((id) => byId.get(id)).filter((n): n is FlowNode => n !== undefined);
    if (members.length === 0) continue;
    const box = bounds(members);
    const data = { group, count: members.length };
    if (group.collapsed) {
      for (const m of members) boxOf.set(m.id, groupBoxId(group.id));
      drawings.push({ id: groupBoxId(group.id), type: 'groupBox', position: { x: box.x, y: box.y }, data, ...measuredAs(NODE_SIZE.width, NODE_SIZE.height), handles: sideHandles(direction), draggable: false, connectable: false });
    } else {
      const width = box.right - box.x + 2 * FRAME_PAD.side;
      const height = box.bottom - box.y + FRAME_PAD.side + FRAME_PAD.top;
      drawings.push({
        id: `${FRAME_PREFIX}${group.id}`,
        type: 'groupFrame',
        position: { x: box.x - FRAME_PAD.side, y: box.y - FRAME_PAD.top },
        data,
        style: { width, height },
        ...measuredAs(width, height),
        zIndex: -1,
        draggable: false,
        selectable: false,
        connectable: false,
        focusable: false,
      });
    }
  }
  const shownNodes: CanvasNode[] = [...drawings.filter((d) => d.type === 'groupFrame'), ...nodes.filter((n) => !boxOf.has(n.id)), ...drawings.filter((d) => d.type === 'groupBox')];
  const shownEdges = edges.flatMap((e) => {
    const source = boxOf.get(e.source) ?? e.source;
    const target = boxOf.get(e.target) ?? e.target;
    if (source === target && boxOf.has(e.source)) return [];
    // The edge keeps its id, so selecting or deleting it acts on the real edge.
    return source === e.source && target === e.target ? [e] : [{ ...e, source, target }];
  });
  return { nodes: shownNodes, edges: shownEdges };
}

/** A group drawn open, its members in view. */
export const opened = (group: ProcessGroup): ProcessGroup => ({ ...group, collapsed: undefined });

/** The groups without the nodes just removed (a group left empty goes too). */
export function withoutNodes(groups: readonly ProcessGroup[] | undefined, removed: ReadonlySet<string>): ProcessGroup[] | undefined {
  if (!groups || removed.size === 0) return groups as ProcessGroup[] | undefined;
  const kept = groups.map((g) => ({ ...g, nodes: g.nodes.filter((id) => !removed.has(id)) })).filter((g) => g.nodes.length > 0);
  return kept.length > 0 ? kept : undefined;
}

/**
 * A new group of the given nodes, named in both languages with the next free number; the nodes
 * leave any group they were in (a node is in one group at most).
 */
export function grouped(groups: readonly ProcessGroup[] | undefined, nodeIds: readonly string[], name: (n: number) => ProcessGroup['name']): ProcessGroup[] {
  const taken = new Set(nodeIds);
  const rest = (groups ?? []).map((g) => ({ ...g, nodes: g.nodes.filter((id) => !taken.has(id)) })).filter((g) => g.nodes.length > 0);
  const ids = new Set((groups ?? []).map((g) => g.id));
  let n = 1;
  while (ids.has(`group${n}`)) n++;
  return [...rest, { id: `group${n}`, name: name(n), nodes: [...nodeIds] }];
}
