import { copySelection, pasteClip } from './clipboard';
import { uniqueId } from './ids';
import type { FlowEdge, FlowNode } from './types';

const node = (id: string, selected = false): FlowNode =>
  ({ id, type: 'activity', position: { x: 10, y: 20 }, data: { activity: 'log' }, selected }) as FlowNode;
const edge = (id: string, source: string, target: string): FlowEdge => ({ id, source, target, type: 'process', data: {} });

describe('copy and paste', () => {
  const nodes = [node('a', true), node('b', true), node('c')];
  const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c')];

  it('copies selected nodes and only the edges between them', () => {
    const clip = copySelection(nodes, edges)!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(clip.edges.map((e) => e.id)).toEqual(['ab']);
    expect(copySelection([node('x')], [])).toBeNull();
  });

  it('pastes with fresh ids, rewired edges and an offset', () => {
    const pasted = pasteClip(copySelection(nodes, edges)!, nodes, edges, 40);
    expect(pasted.nodes.map((n) => n.id)).toEqual(['a_2', 'b_2']);
    expect(pasted.nodes[0].position).toEqual({ x: 50, y: 60 });
    expect(pasted.edges).toEqual([expect.objectContaining({ id: 'a_2-b_2', source: 'a_2', target: 'b_2' })]);
    const ids = new Set([...nodes, ...pasted.nodes].map((n) => n.id));
    expect(ids.size).toBe(5);
  });
});

describe('uniqueId', () => {
  it('sanitizes names into identifiers', () => {
    expect(uniqueId('sms.send', new Set())).toBe('sms_send');
    expect(uniqueId('9lives', new Set())).toBe('lives');
    expect(uniqueId('end', new Set(['end', 'end_2']))).toBe('end_3');
  });
});
