/**
 * The process editor's one store: the graph being edited, its undo history and clipboard,
 * the live problems, and a read-only overlay (a version diff or a test case's path).
 * Components select single fields or use `useShallow`; nothing subscribes to the whole store.
 */
import { addEdge, applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { create } from 'zustand';
import type { NodeType, ProcessGroup } from '../../workflows/definition/schema';
import type { Problem } from '../../language';
import { copySelection, pasteClip, type Clip } from './model/clipboard';
import { withoutNodes } from './model/groups';
import { uniqueId } from './model/ids';
import { problemMarks, type Marks } from './model/marks';
import type { EdgeConfig, FlowEdge, FlowGraph, FlowNode, NodeConfig, ProcessMeta } from './model/types';

const HISTORY_LIMIT = 100;
/** Edits with the same tag this close together (keystrokes in one field) undo as one step. */
const COALESCE_MS = 1000;
const PASTE_OFFSET = 40;

type Snapshot = FlowGraph;

/** A graph shown instead of the draft, read-only, with its own colouring. */
export interface Overlay {
  kind: 'version' | 'diff' | 'run';
  /** What the banner says is shown, e.g. `v2 → draft`. */
  label: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  marks: Marks;
}

export interface EditorState extends FlowGraph {
  past: Snapshot[];
  future: Snapshot[];
  clipboard: Clip | null;
  pasteCount: number;
  lastCheckpoint: { tag: string; at: number } | null;
  /** The graph differs from what was last loaded or saved. */
  dirty: boolean;
  /** Bumped by every edit that can change validity; moving, selecting and measuring nodes cannot. */
  revision: number;
  problems: Problem[];
  problemMarks: Marks;
  overlay: Overlay | null;

  load(graph: FlowGraph): void;
  /** Replaces the graph as one undoable edit (import, auto-layout). */
  replaceGraph(graph: Partial<FlowGraph>): void;
  /** Changes one group (null removes it) as one undoable edit; a version or test case shown instead is read-only. */
  changeGroup(id: string, change: (group: ProcessGroup) => ProcessGroup | null): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  onConnect(connection: Connection): void;
  addNode(type: NodeType, position: XYPosition, data: NodeConfig, idHint?: string): string;
  updateNodeData(id: string, patch: Partial<NodeConfig>): void;
  updateEdgeData(id: string, patch: Partial<EdgeConfig>): void;
  setMeta(patch: Partial<ProcessMeta>): void;
  checkpoint(tag?: string): void;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  /** Selects exactly this node or edge (the problems panel focuses what it names). */
  selectOnly(target: { nodeId?: string; edgeId?: string }): void;
  setProblems(problems: Problem[]): void;
  setOverlay(overlay: Overlay | null): void;
  markSaved(): void;
}

const emptyMeta: ProcessMeta = { key: 'untitled', name: { zh: '未命名', en: 'Untitled' } };

const snapshot = (s: FlowGraph): Snapshot => ({ meta: s.meta, nodes: s.nodes, edges: s.edges });

/** Changes that only reflect what React Flow measured or what the user selected: not edits. */
const isViewChange = (c: { type: string }) => c.type === 'select' || c.type === 'dimensions';
/** Edits that leave the definition's meaning alone (the validator never reads positions). */
const isLayoutChange = (c: { type: string }) => isViewChange(c) || c.type === 'position';

export const useEditor = create<EditorState>()((set, get) => {
  /** Records the current graph for undo, unless it continues the previous edit with the same tag. */
  const checkpoint = (tag?: string) => {
    const s = get();
    const now = Date.now();
    if (tag && s.lastCheckpoint?.tag === tag && now - s.lastCheckpoint.at < COALESCE_MS) {
      set({ lastCheckpoint: { tag, at: now } });
      return;
    }
    set({
      past: [...s.past.slice(-(HISTORY_LIMIT - 1)), snapshot(s)],
      future: [],
      lastCheckpoint: tag ? { tag, at: now } : null,
    });
  };

  return {
    meta: emptyMeta,
    nodes: [],
    edges: [],
    past: [],
    future: [],
    clipboard: null,
    pasteCount: 0,
    lastCheckpoint: null,
    dirty: false,
    revision: 0,
    problems: [],
    problemMarks: { nodes: {}, edges: {} },
    overlay: null,

    load: (graph) =>
      set((s) => ({ ...snapshot(graph), past: [], future: [], lastCheckpoint: null, dirty: false, overlay: null, pasteCount: 0, revision: s.revision + 1 })),

    replaceGraph: (graph) => {
      checkpoint();
      set((s) => ({ ...graph, dirty: true, revision: s.revision + 1 }));
    },

    changeGroup: (id, change) => {
      const { meta, overlay, replaceGraph } = get();
      if (overlay || !meta.groups) return;
      const groups = meta.groups.flatMap((g) => (g.id === id ? (change(g) ?? []) : [g]));
      replaceGraph({ meta: { ...meta, groups: groups.length > 0 ? groups : undefined } });
    },

    onNodesChange: (changes) => {
      const { overlay } = get();
      if (overlay) {
        // Read-only: still apply measurements and selection, or React Flow cannot draw edges.
        set({ overlay: { ...overlay, nodes: applyNodeChanges(changes.filter(isViewChange), overlay.nodes) } });
        return;
      }
      const edits = changes.some((c) => !isViewChange(c));
      const structural = changes.some((c) => !isLayoutChange(c));
      if (changes.some((c) => c.type === 'remove' || c.type === 'add')) checkpoint('delete');
      const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
      set((s) => ({
        nodes: applyNodeChanges(changes, s.nodes),
        // A deleted node leaves its group, so no group names a node that is gone.
        ...(removed.size > 0 && s.meta.groups ? { meta: { ...s.meta, groups: withoutNodes(s.meta.groups, removed) } } : {}),
        dirty: s.dirty || edits,
        revision: s.revision + (structural ? 1 : 0),
      }));
    },

    onEdgesChange: (changes) => {
      const { overlay } = get();
      if (overlay) {
        set({ overlay: { ...overlay, edges: applyEdgeChanges(changes.filter(isViewChange), overlay.edges) } });
        return;
      }
      const edits = changes.some((c) => !isViewChange(c));
      if (changes.some((c) => c.type === 'remove' || c.type === 'add')) checkpoint('delete');
      set((s) => ({ edges: applyEdgeChanges(changes, s.edges), dirty: s.dirty || edits, revision: s.revision + (edits ? 1 : 0) }));
    },

    onConnect: (connection) => {
      if (get().overlay) return;
      checkpoint();
      set((s) => {
        const id = uniqueId(`${connection.source}-${connection.target}`, new Set(s.edges.map((e) => e.id)));
        const edge: FlowEdge = { id, source: connection.source, target: connection.target, type: 'process', data: {} };
        return { edges: addEdge(edge, s.edges), dirty: true, revision: s.revision + 1 };
      });
    },

    addNode: (type, position, data, idHint) => {
      checkpoint();
      const s = get();
      const id = uniqueId(idHint ?? type, new Set(s.nodes.map((n) => n.id)));
      const node = { id, type, position, data, selected: true } as FlowNode;
      set({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], dirty: true, revision: s.revision + 1 });
      return id;
    },

    updateNodeData: (id, patch) => {
      checkpoint(`node:${id}:${Object.keys(patch).join()}`);
      set((s) => ({
        nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, data: { ...n.data, ...patch } } as FlowNode) : n)),
        dirty: true,
        revision: s.revision + 1,
      }));
    },

    updateEdgeData: (id, patch) => {
      checkpoint(`edge:${id}:${Object.keys(patch).join()}`);
      set((s) => ({ edges: s.edges.map((e) => (e.id === id ? { ...e, data: { ...e.data, ...patch } } : e)), dirty: true, revision: s.revision + 1 }));
    },

    setMeta: (patch) => {
      checkpoint(`meta:${Object.keys(patch).join()}`);
      set((s) => ({ meta: { ...s.meta, ...patch }, dirty: true, revision: s.revision + 1 }));
    },

    checkpoint,

    undo: () => {
      const s = get();
      const previous = s.past.at(-1);
      if (!previous || s.overlay) return;
      set({ ...previous, past: s.past.slice(0, -1), future: [snapshot(s), ...s.future], lastCheckpoint: null, dirty: true, revision: s.revision + 1 });
    },

    redo: () => {
      const s = get();
      const [next, ...rest] = s.future;
      if (!next || s.overlay) return;
      set({ ...next, past: [...s.past, snapshot(s)], future: rest, lastCheckpoint: null, dirty: true, revision: s.revision + 1 });
    },

    copy: () => {
      const clip = copySelection(get().nodes, get().edges);
      if (clip) set({ clipboard: clip, pasteCount: 0 });
    },

    paste: () => {
      const s = get();
      if (!s.clipboard || s.overlay) return;
      checkpoint();
      const count = s.pasteCount + 1;
      const pasted = pasteClip(s.clipboard, s.nodes, s.edges, PASTE_OFFSET * count);
      set({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes],
        edges: [...s.edges, ...pasted.edges],
        pasteCount: count,
        dirty: true,
        revision: s.revision + 1,
      });
    },

    selectOnly: ({ nodeId, edgeId }) =>
      set((s) => ({
        nodes: s.nodes.map((n) => (!!n.selected !== (n.id === nodeId) ? { ...n, selected: n.id === nodeId } : n)),
        edges: s.edges.map((e) => (!!e.selected !== (e.id === edgeId) ? { ...e, selected: e.id === edgeId } : e)),
      })),

    setProblems: (problems) => set({ problems, problemMarks: problemMarks(problems) }),

    setOverlay: (overlay) => set({ overlay }),

    markSaved: () => set({ dirty: false }),
  };
});

/** The mark a node is drawn with: the overlay's when one is shown, else a problem mark. */
export const selectNodeMark = (id: string) => (s: EditorState) =>
  (s.overlay ? s.overlay.marks.nodes[id] : s.problemMarks.nodes[id]) ?? '';

export const selectEdgeMark = (id: string) => (s: EditorState) =>
  (s.overlay ? s.overlay.marks.edges[id] : s.problemMarks.edges[id]) ?? '';
