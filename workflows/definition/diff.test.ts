/** The structured diff of two process versions: what a person changed, not where nodes were drawn. */
import { diffDefinitions } from './diff';
import type { ProcessDefinition } from './schema';

const v1: ProcessDefinition = {
  key: 'check',
  name: { zh: '核查', en: 'Check' },
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' }, position: { x: 200, y: 0 } },
    { id: 'end', type: 'end', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'check' },
    { id: 'e2', from: 'check', to: 'end' },
  ],
};

/** The same nodes laid out again: every position moved. */
const moved = (def: ProcessDefinition): ProcessDefinition => ({ ...def, nodes: def.nodes.map((n, i) => ({ ...n, position: { x: 0, y: 150 * i } })) });

test('nodes only moved (an auto-layout): no change at all', () => {
  expect(diffDefinitions(v1, moved(v1))).toEqual({ nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] }, fields: [] });
});

test('laid out top to bottom instead of left to right: no change at all', () => {
  expect(diffDefinitions(v1, { ...moved(v1), layout: { direction: 'down' } })).toEqual({ nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] }, fields: [] });
});

test('moved and one title changed: the title is the one change listed', () => {
  const v2 = moved(v1);
  v2.nodes[1] = { ...v2.nodes[1], title: { zh: '上门核查', en: 'Visit' } } as ProcessDefinition['nodes'][number];
  expect(diffDefinitions(v1, v2).nodes).toEqual({ added: [], removed: [], changed: [{ id: 'check', fields: ['title'] }] });
});

test('a node placed for the first time, or its placement dropped, is still no change', () => {
  const unplaced = { ...v1, nodes: v1.nodes.map(({ position: _drop, ...n }) => n) } as ProcessDefinition;
  expect(diffDefinitions(unplaced, v1).nodes.changed).toEqual([]);
  expect(diffDefinitions(v1, unplaced).nodes.changed).toEqual([]);
});
