/** The graph canvas: React Flow over the store, with drops from the palette, minimap and controls. */
import { Background, Controls, MarkerType, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type DefaultEdgeOptions, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { edgeTypes } from '../../edges/ProcessEdgeView';
import { NODE_SIZE } from '../../nodes/size';
import { directionOfKey, neighbour } from '../../model/graph-navigation';
import { isGroupDrawing, shownGraph, type CanvasNode } from '../../model/groups';
import { readyToDraw } from '../../model/handles';
import type { FlowEdge, FlowNode } from '../../model/types';
import { nodeTypes } from '../../nodes';
import { useEditor } from '../../store';
import { NodeFinder } from './NodeFinder';
import { DRAG_MIME, initialData, type PaletteDrop } from './paletteItems';
import { FIT_VIEW_OPTIONS, useFocusNode, useFrameReadably } from './viewport';

const defaultEdgeOptions: DefaultEdgeOptions = { type: 'process', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const deleteKeys = ['Delete', 'Backspace'];
/** Above this many nodes only what is in view is rendered, so large processes stay fluid. */
const VISIBLE_ONLY_FROM = 120;

const minimapColour = (n: CanvasNode) => (isGroupDrawing(n.id) ? 'var(--line)' : `var(--kind-${n.type})`);
/** The id a node change is about. */
const changedId = (c: NodeChange<CanvasNode>) => (c.type === 'add' ? c.item.id : c.id);
/** Smaller than React Flow's default so it hides less of a 1366×768 canvas. */
const minimapStyle = { width: 150, height: 100 };

export function Canvas() {
  const { t } = useTranslation();
  const { graphNodes, graphEdges, groups, direction, readOnly } = useEditor(
    useShallow((s) => ({
      graphNodes: s.overlay?.nodes ?? s.nodes,
      graphEdges: s.overlay?.edges ?? s.edges,
      groups: s.overlay ? undefined : s.meta.groups,
      direction: s.meta.layout?.direction,
      readOnly: s.overlay !== null,
    })),
  );
  // The draft's groups drawn as frames and boxes; a version or test case shown instead is drawn whole.
  const { nodes, edges } = useMemo(() => shownGraph(readyToDraw(graphNodes, direction ?? 'right'), graphEdges, groups, direction), [graphNodes, graphEdges, groups, direction]);
  const { onNodesChange, onEdgesChange, onConnect, addNode, checkpoint } = useEditor(
    useShallow((s) => ({ onNodesChange: s.onNodesChange, onEdgesChange: s.onEdgesChange, onConnect: s.onConnect, addNode: s.addNode, checkpoint: s.checkpoint })),
  );
  const { screenToFlowPosition } = useReactFlow<CanvasNode, FlowEdge>();
  const frameReadably = useFrameReadably();
  // A group's box and frame are drawings derived from the graph: changes to them (selection, measuring) are not edits of it.
  const onGraphNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => onNodesChange(changes.filter((c) => !isGroupDrawing(changedId(c))) as NodeChange<FlowNode>[]), [onNodesChange]);
  const shown = useEditor((s) => s.overlay?.label ?? null);
  const measured = useNodesInitialized();
  /** The graph last framed (undefined: none yet), so a node added later does not move the view. */
  const framed = useRef<string | null | undefined>(undefined);
  const focusNode = useFocusNode();
  /** The step keyboard navigation is at: in the draft the selection, in a read-only view the last one reached. */
  const keyboardAt = useRef<string | undefined>(undefined);
  const activeStep = useEditor((s) => (s.overlay?.kind === 'run' ? Object.keys(s.overlay.marks.nodes).find((id) => s.overlay!.marks.nodes[id] === 'active') : undefined));

  // The first view, and switching between the draft and a version, diff or test case: frame the
  // graph, whole if it can be read so; else readably, from its start (fit-to-view is a button).
  useEffect(() => {
    if (!measured || framed.current === shown) return;
    const frame = requestAnimationFrame(() => {
      framed.current = shown;
      void frameReadably();
    });
    return () => cancelAnimationFrame(frame);
  }, [shown, measured, frameReadably]);

  // A test case's view follows its current step, at the zoom the reader chose (or a readable one).
  useEffect(() => {
    if (activeStep) focusNode(activeStep);
  }, [activeStep, focusNode]);

  // Alt+arrows walk the process along its edges: next and previous step, other branches.
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const direction = directionOfKey(e.key, e.altKey);
      if (!direction) return;
      const state = useEditor.getState();
      const graph = state.overlay ?? state;
      const from = (state.overlay ? keyboardAt.current : graph.nodes.find((n) => n.selected)?.id) ?? graph.nodes.find((n) => n.type === 'start')?.id;
      const to = from && neighbour(graph.edges, from, direction);
      if (!to) return;
      // Taken before React Flow's node sees it: its arrow keys would move the node, an edit.
      e.preventDefault();
      e.stopPropagation();
      keyboardAt.current = to;
      focusNode(to);
    },
    [focusNode],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const raw = e.dataTransfer.getData(DRAG_MIME);
      if (!raw || readOnly) return;
      e.preventDefault();
      const drop = JSON.parse(raw) as PaletteDrop;
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(drop.type, { x: at.x - NODE_SIZE.width / 2, y: at.y - NODE_SIZE.height / 2 }, initialData(drop), drop.activity);
    },
    [addNode, readOnly, screenToFlowPosition],
  );

  const onNodeDragStart = useCallback(() => checkpoint(), [checkpoint]);

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop} onKeyDownCapture={onKeyDown}>
      <ReactFlow<CanvasNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onGraphNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : deleteKeys}
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_FROM}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        maxZoom={2}
        snapToGrid
        snapGrid={[10, 10]}
        proOptions={{ hideAttribution: true }}
        aria-label={t('canvas.label')}
      >
        <Background gap={20} />
        <MiniMap<CanvasNode> pannable zoomable nodeColor={minimapColour} style={minimapStyle} ariaLabel={t('canvas.minimap')} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
        <NodeFinder />
      </ReactFlow>
    </div>
  );
}
