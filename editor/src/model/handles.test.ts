import { Position } from '@xyflow/react';
import { NODE_SIZE } from '../nodes/size';
import { readyToDraw, sideHandles } from './handles';
import type { FlowNode } from './types';

const node = (id: string, type: string, measured?: { width: number; height: number }): FlowNode =>
  ({ id, type, position: { x: 0, y: 0 }, data: {}, ...(measured && { measured }) }) as FlowNode;

describe('nodes ready to draw before React Flow measures them', () => {
  it('gives an unmeasured node its drawn size and handles at the middle of its sides, none where its kind has no connection', () => {
    const [start, step, end] = readyToDraw([node('s', 'start'), node('a', 'assign'), node('e', 'end')], 'right');
    expect(step.measured).toEqual(NODE_SIZE);
    expect(step.handles?.map((h) => [h.type, h.position, h.x + (h.width ?? 0) / 2, h.y + (h.height ?? 0) / 2])).toEqual([
      ['target', Position.Left, 0, NODE_SIZE.height / 2],
      ['source', Position.Right, NODE_SIZE.width, NODE_SIZE.height / 2],
    ]);
    expect(start.handles?.map((h) => h.type)).toEqual(['source']);
    expect(end.handles?.map((h) => h.type)).toEqual(['target']);
  });

  it('puts the handles on the top and bottom of a top-to-bottom process', () => {
    expect(sideHandles('down').map((h) => [h.position, h.x + (h.width ?? 0) / 2, h.y + (h.height ?? 0) / 2])).toEqual([
      [Position.Top, NODE_SIZE.width / 2, 0],
      [Position.Bottom, NODE_SIZE.width / 2, NODE_SIZE.height],
    ]);
  });

  it('leaves a measured node as it is, so its edges end at the handles React Flow found', () => {
    const measured = node('a', 'assign', { width: 180, height: 84 });
    expect(readyToDraw([measured], 'right')[0]).toBe(measured);
  });

  it('answers the same object for an unchanged node, so React Flow does not take in 1,000 nodes again on every edit', () => {
    const nodes = [node('a', 'assign'), node('b', 'assign')];
    const first = readyToDraw(nodes, 'right');
    const again = readyToDraw([nodes[0], { ...nodes[1], position: { x: 10, y: 0 } }], 'right');
    expect(again[0]).toBe(first[0]);
    expect(again[1]).not.toBe(first[1]);
    expect(readyToDraw(nodes, 'down')[0].handles?.[0].position).toBe(Position.Top);
  });
});
