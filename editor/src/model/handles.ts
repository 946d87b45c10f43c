/**
 * A node's size and handles as NodeShell draws them, given to React Flow before it has measured
 * the node. React Flow renders every node it has no handle positions for, in view or not, so that
 * it can measure it, and fits the view (and counts the canvas ready) only once every node is
 * measured: on a process of 1,000 nodes the first view drew all of them where a few were on
 * screen. Given these, only the nodes in view are rendered; edges to the others end where their
 * handles will be, and a node drawn at another size is measured and reported as usual.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { LayoutDirection } from '../../../workflows/definition/schema';
import { NODE_SIZE } from '../nodes/size';
import type { FlowNode } from './types';

/** Half the drawn size of a handle (app.css: .react-flow__handle). */
const HANDLE_HALF = 5;

/** Handles at the middle of a node's sides: in where the layout comes from, out where it goes. */
export function sideHandles(direction: LayoutDirection, ends: { inputs: boolean; outputs: boolean } = { inputs: true, outputs: true }): NodeHandle[] {
  const { width, height } = NODE_SIZE;
  const size = { width: 2 * HANDLE_HALF, height: 2 * HANDLE_HALF };
  const down = direction === 'down';
  const target: NodeHandle = down
    ? { type: 'target', position: Position.Top, x: width / 2 - HANDLE_HALF, y: -HANDLE_HALF, ...size }
    : { type: 'target', position: Position.Left, x: -HANDLE_HALF, y: height / 2 - HANDLE_HALF, ...size };
  const source: NodeHandle = down
    ? { type: 'source', position: Position.Bottom, x: width / 2 - HANDLE_HALF, y: height - HANDLE_HALF, ...size }
    : { type: 'source', position: Position.Right, x: width - HANDLE_HALF, y: height / 2 - HANDLE_HALF, ...size };
  return [...(ends.inputs ? [target] : []), ...(ends.outputs ? [source] : [])];
}

/** One cache per direction, so an unchanged node keeps its identity and React Flow does not adopt it again. */
const drawable: Record<LayoutDirection, WeakMap<FlowNode, FlowNode>> = { right: new WeakMap(), down: new WeakMap() };

/**
 * The nodes with their size and handles up front where React Flow has not measured them; a
 * measured node goes as it is, so its edges end at the handles React Flow found on it.
 */
export function readyToDraw(nodes: readonly FlowNode[], direction: LayoutDirection): FlowNode[] {
  const cache = drawable[direction];
  return nodes.map((n) => {
    if (n.measured?.width !== undefined) return n;
    let shown = cache.get(n);
    if (!shown) {
      shown = { ...n, measured: { ...NODE_SIZE }, handles: sideHandles(direction, { inputs: n.type !== 'start', outputs: n.type !== 'end' }) };
      cache.set(n, shown);
    }
    return shown;
  });
}
