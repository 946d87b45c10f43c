import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { caseGraph } from './caseGraph';

const def: ProcessDefinition = {
  key: 'p',
  name: { zh: '流程', en: 'Process' },
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'call', type: 'activity', activity: 'log' },
    { id: 'decide', type: 'decision', ruleset: 'r' },
    { id: 'home', type: 'end' },
    { id: 'site', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'call' },
    { id: 'e2', from: 'call', to: 'decide' },
    { id: 'e3', from: 'decide', to: 'home', default: true },
    { id: 'e4', from: 'decide', to: 'site', outcome: 'centralized' },
  ],
};

test('the path taken, visit counts and the node waiting with an incident', () => {
  const g = caseGraph(def, {
    activeNodes: ['call'],
    history: [{ nodeId: 'start', edgeId: 'e1' }, { nodeId: 'call', edgeId: 'e2' }, { nodeId: 'decide', edgeId: 'e3' }, { nodeId: 'home' }, { nodeId: 'call' }],
    incidentNodes: ['call'],
  });
  const state = Object.fromEntries(g.nodes.map((n) => [n.id, [n.state, n.visits]]));
  expect(state).toEqual({ start: ['visited', 1], call: ['incident', 2], decide: ['visited', 1], home: ['visited', 1], site: ['unvisited', 0] });
  expect(g.edges.filter((e) => e.taken).map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  expect(g.edges.find((e) => e.id === 'e4')!.label).toBe('centralized');
});

test('without saved positions, nodes go in columns by distance from the start', () => {
  const g = caseGraph(def, { activeNodes: [], history: [], incidentNodes: [] });
  const x = Object.fromEntries(g.nodes.map((n) => [n.id, n.x]));
  expect(x.start).toBe(0);
  expect(x.call).toBeGreaterThan(x.start);
  expect(x.decide).toBeGreaterThan(x.call);
  expect(x.home).toBe(x.site);
  expect(g.nodes.find((n) => n.id === 'home')!.y).not.toBe(g.nodes.find((n) => n.id === 'site')!.y);
});
