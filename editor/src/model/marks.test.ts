import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { diffGraph, problemMarks, runMarks } from './marks';

const v1: ProcessDefinition = {
  key: 'sentinel',
  name: { zh: '药店哨点', en: 'Pharmacy sentinel' },
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'remind', type: 'activity', activity: 'log', input: { message: '"test within 48h"' }, position: { x: 200, y: 0 } },
    { id: 'old', type: 'timer', duration: 'P2D', position: { x: 400, y: 100 } },
    { id: 'end', type: 'end', position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'remind' },
    { id: 'e2', from: 'remind', to: 'old' },
    { id: 'e3', from: 'old', to: 'end' },
  ],
};

const v2: ProcessDefinition = {
  ...v1,
  nodes: [
    v1.nodes[0],
    { id: 'remind', type: 'activity', activity: 'log', input: { message: '"test within 24h"' }, position: { x: 200, y: 0 } },
    { id: 'escalate', type: 'assign', assign: { escalated: 'true' }, position: { x: 400, y: 0 } },
    v1.nodes[3],
  ],
  edges: [v1.edges[0], { id: 'e4', from: 'remind', to: 'escalate' }, { id: 'e5', from: 'escalate', to: 'end' }],
};

describe('diffGraph', () => {
  const diff = {
    nodes: { added: ['escalate'], removed: ['old'], changed: [{ id: 'remind', fields: ['input'] }] },
    edges: { added: ['e4', 'e5'], removed: ['e2', 'e3'], changed: [] },
  };

  it('draws the newer graph with the removed elements as ghosts', () => {
    const { nodes, edges } = diffGraph(v1, v2, diff);
    expect(nodes.map((n) => n.id)).toEqual(['start', 'remind', 'escalate', 'end', 'old']);
    expect(nodes.find((n) => n.id === 'old')!.position).toEqual({ x: 400, y: 100 });
    expect(edges.map((e) => e.id)).toEqual(['e1', 'e4', 'e5', 'e2', 'e3']);
  });

  it('marks added, removed and changed elements', () => {
    const { marks } = diffGraph(v1, v2, diff);
    expect(marks.nodes).toEqual({ escalate: 'added', old: 'removed', remind: 'changed' });
    expect(marks.edges).toEqual({ e4: 'added', e5: 'added', e2: 'removed', e3: 'removed' });
  });
});

describe('runMarks', () => {
  it('marks visited nodes and edges, and the active node above them', () => {
    const marks = runMarks({
      activeNodes: ['old'],
      history: [
        { nodeId: 'start', type: 'start', enteredAt: 't0', leftAt: 't1', edgeId: 'e1' },
        { nodeId: 'remind', type: 'activity', enteredAt: 't1', leftAt: 't2', edgeId: 'e2' },
        { nodeId: 'old', type: 'timer', enteredAt: 't2' },
      ],
    });
    expect(marks.nodes).toEqual({ start: 'visited', remind: 'visited', old: 'active' });
    expect(marks.edges).toEqual({ e1: 'visited', e2: 'visited' });
  });

  it('marks the node a failed case failed in', () => {
    const marks = runMarks({
      activeNodes: [],
      history: [{ nodeId: 'remind', type: 'activity', enteredAt: 't1', leftAt: 't2' }],
      error: { nodeId: 'remind', message: 'input.message: required' },
    });
    expect(marks.nodes).toEqual({ remind: 'failed' });
  });
});

describe('problemMarks', () => {
  it('marks the nodes and edges problems name', () => {
    const marks = problemMarks([
      { path: 'nodes[1].input.message', nodeId: 'remind', code: 'expression_syntax', message: 'x' },
      { path: 'edges[0]', edgeId: 'e1', code: 'dangling_edge', message: 'y' },
      { path: 'name', code: 'required', message: 'z' },
    ]);
    expect(marks).toEqual({ nodes: { remind: 'problem' }, edges: { e1: 'problem' } });
  });
});
