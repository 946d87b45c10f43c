import type { ProcessGroup } from '../../../workflows/definition/schema';
import { grouped, groupBoxId, isGroupDrawing, shownGraph, withoutNodes } from './groups';
import type { FlowEdge, FlowNode } from './types';

const node = (id: string, x: number): FlowNode => ({ id, type: 'assign', position: { x, y: 0 }, data: { assign: {} } }) as FlowNode;
const edge = (id: string, source: string, target: string): FlowEdge => ({ id, source, target, type: 'process', data: {} });

// start → a → b → c → end, and a branch a → end
const nodes = [node('start', 0), node('a', 200), node('b', 400), node('c', 600), node('end', 800)];
const edges = [edge('e1', 'start', 'a'), edge('e2', 'a', 'b'), edge('e3', 'b', 'c'), edge('e4', 'c', 'end'), edge('e5', 'a', 'end')];
const test1 = (collapsed?: boolean): ProcessGroup[] => [{ id: 'landing', name: { zh: '落地检测', en: 'Landing test' }, nodes: ['a', 'b', 'c'], collapsed }];

describe('groups on the canvas', () => {
  it('draws an open group as a frame behind its members, around them, and changes no node or edge', () => {
    const shown = shownGraph(nodes, edges, test1());
    expect(shown.edges).toEqual(edges);
    expect(shown.nodes.filter((n) => !isGroupDrawing(n.id))).toEqual(nodes);
    const frame = shown.nodes[0];
    expect(frame).toMatchObject({ type: 'groupFrame', zIndex: -1, draggable: false, selectable: false, data: { count: 3 } });
    expect(frame.position.x).toBeLessThan(200);
    expect(frame.position.x + (frame.width ?? 0)).toBeGreaterThan(600 + 180);
  });

  it('draws a collapsed group as one box in place of its members, edges across its border to and from the box, edges inside it not at all', () => {
    const shown = shownGraph(nodes, edges, test1(true));
    expect(shown.nodes.map((n) => n.id)).toEqual(['start', 'end', groupBoxId('landing')]);
    expect(shown.nodes[2]).toMatchObject({ type: 'groupBox', position: { x: 200, y: 0 }, data: { count: 3 } });
    const box = groupBoxId('landing');
    // Edge ids are kept, so selecting or deleting a drawn edge acts on the real one.
    expect(shown.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ['e1', 'start', box],
      ['e4', box, 'end'],
      ['e5', box, 'end'],
    ]);
  });

  it('joins two collapsed groups by the edge between them, and ignores a member that no longer exists', () => {
    const groups: ProcessGroup[] = [
      { id: 'g1', name: { zh: '一', en: 'One' }, nodes: ['a', 'ghost'], collapsed: true },
      { id: 'g2', name: { zh: '二', en: 'Two' }, nodes: ['b'], collapsed: true },
    ];
    const shown = shownGraph(nodes, edges, groups);
    expect(shown.edges.find((e) => e.id === 'e2')).toMatchObject({ source: groupBoxId('g1'), target: groupBoxId('g2') });
    expect(shown.nodes.find((n) => n.id === groupBoxId('g1'))?.data).toMatchObject({ count: 1 });
  });

  it('draws the graph itself when there are no groups', () => {
    expect(shownGraph(nodes, edges, undefined)).toEqual({ nodes, edges });
  });

  it('takes deleted nodes out of their groups, and drops a group left empty', () => {
    expect(withoutNodes(test1(), new Set(['b']))).toEqual([{ ...test1()[0], nodes: ['a', 'c'] }]);
    expect(withoutNodes(test1(), new Set(['a', 'b', 'c']))).toBeUndefined();
  });

  it('makes a new group with the next free id; its nodes leave the group they were in', () => {
    const name = (n: number) => ({ zh: `分组 ${n}`, en: `Group ${n}` });
    const next = grouped([{ id: 'group1', name: name(1), nodes: ['a', 'b'] }], ['b', 'c'], name);
    expect(next).toEqual([
      { id: 'group1', name: name(1), nodes: ['a'] },
      { id: 'group2', name: name(2), nodes: ['b', 'c'] },
    ]);
  });
});
