/** The graph canvas: React Flow over the store, with drops from the palette, minimap and controls. */
import { Background, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow, type DefaultEdgeOptions } from '@xyflow/react';
import { useCallback, useEffect, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { edgeTypes } from '../../edges/ProcessEdgeView';
import { NODE_SIZE } from '../../nodes/size';
import type { FlowEdge, FlowNode } from '../../model/types';
import { nodeTypes } from '../../nodes';
import { useEditor } from '../../store';
import { DRAG_MIME, initialData, type PaletteDrop } from './paletteItems';

const defaultEdgeOptions: DefaultEdgeOptions = { type: 'process', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const deleteKeys = ['Delete', 'Backspace'];
/** A small process is shown at its natural size rather than blown up to fill the canvas. */
const fitViewOptions = { maxZoom: 1, padding: 0.2 };
/** Above this many nodes only what is in view is rendered, so large processes stay fluid. */
const VISIBLE_ONLY_FROM = 120;

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
  const { screenToFlowPosition, fitView } = useReactFlow();
  const shown = useEditor((s) => s.overlay?.label ?? null);

  // Switching between the draft and a version, diff or test case shows another graph: frame it.
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView(fitViewOptions));
    return () => cancelAnimationFrame(frame);
  }, [shown, fitView]);

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
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
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
        fitView
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
      </ReactFlow>
    </div>
  );
}
