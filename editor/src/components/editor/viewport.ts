/** Where the canvas looks: the zoom at which titles read, and bringing one node into view there. */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowEdge, FlowNode } from '../../model/types';
import { NODE_SIZE } from '../../nodes/size';
import { useEditor } from '../../store';

/** The least zoom at which a node's 13 px title reads at 11 px or more on screen. */
export const READABLE_ZOOM = 0.85;

/**
 * Centres the view on a node at a readable zoom (keeping a closer one), and selects it in the draft
 * (a version, diff or test case shown instead is read-only: it is only centred).
 */
export function useFocusNode(): (nodeId: string) => void {
  const { getNode, getZoom, setCenter } = useReactFlow<FlowNode, FlowEdge>();
  return useCallback(
    (nodeId: string) => {
      const node = getNode(nodeId);
      if (!node) return;
      const width = node.measured?.width ?? NODE_SIZE.width;
      const height = node.measured?.height ?? NODE_SIZE.height;
      void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(getZoom(), READABLE_ZOOM), duration: 200 });
      const state = useEditor.getState();
      if (!state.overlay) state.selectOnly({ nodeId });
    },
    [getNode, getZoom, setCenter],
  );
}
