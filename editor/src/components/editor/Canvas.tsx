/** The graph canvas: React Flow over the store, with drops from the palette, minimap and controls. */
import { Background, Controls, MarkerType, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, useStore, type DefaultEdgeOptions, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { edgeTypes } from '../../edges/ProcessEdgeView';
import { NODE_SIZE } from '../../nodes/size';
import { directionOfKey, neighbour } from '../../model/graph-navigation';
import type { FlowEdge, FlowNode } from '../../model/types';
import { nodeTypes } from '../../nodes';
import { useEditor } from '../../store';
import { NodeFinder } from './NodeFinder';
import { DRAG_MIME, initialData, type PaletteDrop } from './paletteItems';
import { READABLE_ZOOM, useFocusNode } from './viewport';

const defaultEdgeOptions: DefaultEdgeOptions = { type: 'process', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const deleteKeys = ['Delete', 'Backspace'];
/** A small process is shown at its natural size rather than blown up to fill the canvas. */
const fitViewOptions = { maxZoom: 1, padding: 0.2 };
/** Above this many nodes only what is in view is rendered, so large processes stay fluid. */
const VISIBLE_ONLY_FROM = 120;
/** Room left between the canvas edge and the start node in the first view. */
const FIRST_VIEW_MARGIN = 40;

/**
 * The first view of a process too large to read whole: at a readable zoom, its start node near the
 * canvas edge the process grows away from (the left of a wide layout, the top of a tall one).
 */
function viewAtStart(nodes: FlowNode[], canvas: { width: number; height: number }): Viewport | undefined {
  const start = nodes.find((n) => n.type === 'start') ?? nodes[0];
  if (!start) return undefined;
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const wide = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys);
  const zoom = READABLE_ZOOM;
  const centre = { x: start.position.x + NODE_SIZE.width / 2, y: start.position.y + NODE_SIZE.height / 2 };
  return wide
    ? { zoom, x: FIRST_VIEW_MARGIN - start.position.x * zoom, y: canvas.height / 2 - centre.y * zoom }
    : { zoom, x: canvas.width / 2 - centre.x * zoom, y: FIRST_VIEW_MARGIN - start.position.y * zoom };
}

const minimapColour = (n: FlowNode) => `var(--kind-${n.type})`;
/** Smaller than React Flow's default so it hides less of a 1366×768 canvas. */
const minimapStyle = { width: 150, height: 100 };

export function Canvas() {
  const { t } = useTranslation();
  const { nodes, edges, readOnly } = useEditor(
    useShallow((s) => ({ nodes: s.overlay?.nodes ?? s.nodes, edges: s.overlay?.edges ?? s.edges, readOnly: s.overlay !== null })),
  );
  const { onNodesChange, onEdgesChange, onConnect, addNode, checkpoint } = useEditor(
    useShallow((s) => ({ onNodesChange: s.onNodesChange, onEdgesChange: s.onEdgesChange, onConnect: s.onConnect, addNode: s.addNode, checkpoint: s.checkpoint })),
  );
  const { screenToFlowPosition, fitView, getZoom, getNodes, setViewport } = useReactFlow<FlowNode, FlowEdge>();
  const shown = useEditor((s) => s.overlay?.label ?? null);
  const measured = useNodesInitialized();
  const canvasWidth = useStore((s) => s.width);
  const canvasHeight = useStore((s) => s.height);
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
      void (async () => {
        await fitView(fitViewOptions);
        if (getZoom() >= READABLE_ZOOM) return;
        const atStart = viewAtStart(getNodes(), { width: canvasWidth, height: canvasHeight });
        if (atStart) await setViewport(atStart);
      })();
    });
    return () => cancelAnimationFrame(frame);
  }, [shown, measured, fitView, getZoom, getNodes, setViewport, canvasWidth, canvasHeight]);

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
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : deleteKeys}
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_FROM}
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        maxZoom={2}
        snapToGrid
        snapGrid={[10, 10]}
        proOptions={{ hideAttribution: true }}
        aria-label={t('canvas.label')}
      >
        <Background gap={20} />
        <MiniMap<FlowNode> pannable zoomable nodeColor={minimapColour} style={minimapStyle} ariaLabel={t('canvas.minimap')} />
        <Controls showInteractive={false} />
        <NodeFinder />
      </ReactFlow>
    </div>
  );
}
