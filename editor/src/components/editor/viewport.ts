/** Where the canvas looks: the zoom at which titles read, framing a process readably, and bringing one node into view. */
import { getNodesBounds, getViewportForBounds, useReactFlow, useStore, type Viewport } from '@xyflow/react';
import { useCallback } from 'react';
import { opened, type CanvasNode } from '../../model/groups';
import type { FlowEdge, FlowNode } from '../../model/types';
import { NODE_SIZE } from '../../nodes/size';
import { useEditor } from '../../store';

/** The least zoom at which a node's 13 px title reads at 11 px or more on screen. */
export const READABLE_ZOOM = 0.85;
/** A small process is shown at its natural size rather than blown up to fill the canvas. */
export const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 };
/** Room left between the canvas edge and the start node in the first view. */
const FIRST_VIEW_MARGIN = 40;

/**
 * The first view of a process too large to read whole: at a readable zoom, its start node near the
 * canvas edge the process grows away from (the left of a wide layout, the top of a tall one).
 */
function viewAtStart(nodes: CanvasNode[], canvas: { width: number; height: number }): Viewport | undefined {
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

/**
 * Frames the graph as a process first opens (and after an auto-layout): whole if it can be read
 * so, else readably from its start; fit-to-view is a button.
 */
export function useFrameReadably(): () => Promise<void> {
  const { getNodes, setViewport } = useReactFlow<CanvasNode, FlowEdge>();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const minZoom = useStore((s) => s.minZoom);
  return useCallback(async () => {
    const nodes = getNodes();
    if (nodes.length === 0) return;
    // The fitted view is computed, not shown first: shown, a large process would draw every node
    // at once (all of them in view) only to be framed again at its start.
    const fitted = getViewportForBounds(getNodesBounds(nodes), width, height, minZoom, FIT_VIEW_OPTIONS.maxZoom, FIT_VIEW_OPTIONS.padding);
    await setViewport(fitted.zoom >= READABLE_ZOOM ? fitted : (viewAtStart(nodes, { width, height }) ?? fitted));
  }, [getNodes, setViewport, width, height, minZoom]);
}

/**
 * Centres the view on a node at a readable zoom (keeping a closer one), and selects it in the draft
 * (a version, diff or test case shown instead is read-only: it is only centred). A step inside a
 * collapsed group opens the group, so that the step is there to see.
 */
export function useFocusNode(): (nodeId: string) => void {
  const { getZoom, setCenter } = useReactFlow<FlowNode, FlowEdge>();
  return useCallback(
    (nodeId: string) => {
      const state = useEditor.getState();
      const node = (state.overlay?.nodes ?? state.nodes).find((n) => n.id === nodeId);
      if (!node) return;
      const closed = state.overlay ? undefined : state.meta.groups?.find((g) => g.collapsed && g.nodes.includes(nodeId));
      if (closed) state.changeGroup(closed.id, opened);
      const width = node.measured?.width ?? NODE_SIZE.width;
      const height = node.measured?.height ?? NODE_SIZE.height;
      void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(getZoom(), READABLE_ZOOM), duration: 200 });
      if (!state.overlay) useEditor.getState().selectOnly({ nodeId });
    },
    [getZoom, setCenter],
  );
}
