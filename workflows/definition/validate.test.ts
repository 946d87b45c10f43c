import fc from 'fast-check';
import { brokenDefinition, invalidCases, validBase } from '../../test/support/invalid-definitions';
import type { ProcessDefinition, ProcessNode } from './schema';
import { validateDefinition } from './validate';

const ctx = { activities: ['log'] };

test('the valid base has no problems', () => {
  expect(validateDefinition(validBase(), ctx)).toEqual([]);
});

test.each(invalidCases.map(([code]) => code))('%s is reported, with a path', (code) => {
  const problems = validateDefinition(brokenDefinition(code), ctx);
  const hit = problems.find((p) => p.code === code);
  expect(hit).toBeDefined();
  expect(typeof hit!.path).toBe('string');
  expect(hit!.message.length).toBeGreaterThan(5);
});

test('problems name the node or edge they concern', () => {
  const problems = validateDefinition(brokenDefinition('missing_condition'), ctx);
  expect(problems).toContainEqual(expect.objectContaining({ code: 'missing_condition', nodeId: 'route', edgeId: 'e3' }));
  const dangling = validateDefinition(brokenDefinition('dangling_edge'), ctx);
  expect(dangling).toContainEqual(expect.objectContaining({ code: 'dangling_edge', edgeId: 'e9', path: 'edges/6/to' }));
});

test('a field name holding / or ~ stays one segment of the problem path (JSON-pointer escaped)', () => {
  const d = validBase();
  const activity = d.nodes.findIndex((n) => n.type === 'activity');
  (d.nodes[activity] as Record<string, unknown>).input = { 'a/b~c': 'x' };
  expect(validateDefinition(d, ctx)).toContainEqual(expect.objectContaining({ code: 'invalid_schema', path: `nodes/${activity}/input/a~1b~0c` }));
});

test('every problem is reported at once', () => {
  const d = validBase();
  (d.nodes[1] as Record<string, unknown>).activity = 'nope';
  d.edges = d.edges.filter((e) => e.id !== 'e4');
  const codes = validateDefinition(d, ctx).map((p) => p.code);
  expect(codes).toEqual(expect.arrayContaining(['unknown_activity', 'missing_default']));
});

test('without an activity list, activity names are not checked (the editor before it loads the palette)', () => {
  expect(validateDefinition(brokenDefinition('unknown_activity')).map((p) => p.code)).not.toContain('unknown_activity');
});

// ---- property-based ----

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const nodeTypes = ['start', 'end', 'activity', 'decision', 'gateway', 'timer', 'event', 'task', 'parallel', 'join', 'subprocess', 'assign'] as const;

function nodeOf(id: string, type: (typeof nodeTypes)[number]): ProcessNode {
  switch (type) {
    case 'activity':
      return { id, type, activity: 'log', input: { message: "'x'" } };
    case 'decision':
      return { id, type, ruleset: 'rs' };
    case 'timer':
      return { id, type, duration: 'PT1M' };
    case 'event':
      return { id, type, event: 'ev' };
    case 'task':
      return { id, type, title: { zh: '任务', en: 'Task' } };
    case 'subprocess':
      return { id, type, process: 'child' };
    case 'assign':
      return { id, type, assign: { v: '1' } };
    default:
      return { id, type } as ProcessNode;
  }
}

const randomGraph = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...nodeTypes)), { minLength: 1, maxLength: 8 }),
    fc.array(
      fc.record({ from: fc.constantFrom(...ids, 'zz'), to: fc.constantFrom(...ids, 'zz'), kind: fc.constantFrom('plain', 'default', 'timeout', 'error', 'cond', 'outcome') }),
      { maxLength: 14 },
    ),
  )
  .map(([nodes, edges]) => ({
    key: 'random',
    name: { zh: '随机', en: 'Random' },
    nodes: nodes.map(([id, type]) => nodeOf(id, type)),
    edges: edges.map((e, i) => ({
      id: `e${i}`,
      from: e.from,
      to: e.to,
      ...(e.kind === 'default' ? { default: true } : {}),
      ...(e.kind === 'timeout' || e.kind === 'error' ? { on: e.kind } : {}),
      ...(e.kind === 'cond' ? { condition: { all: [{ fact: 'x', operator: 'equal', value: 1 }] } } : {}),
      ...(e.kind === 'outcome' ? { outcome: 'o' } : {}),
    })),
  }));

test('property: random graphs never crash the validator', () => {
  fc.assert(
    fc.property(randomGraph, (def) => {
      const problems = validateDefinition(def, ctx);
      expect(Array.isArray(problems)).toBe(true);
    }),
    { numRuns: 1500 },
  );
});

test('property: arbitrary JSON never crashes the validator and is refused', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      expect(validateDefinition(value, ctx).length).toBeGreaterThan(0);
    }),
    { numRuns: 500 },
  );
});

/** A valid chain start → k single-exit steps → end; built so that it is valid by construction. */
const validChain = fc.array(fc.constantFrom('activity', 'timer', 'event', 'task', 'assign', 'subprocess') as fc.Arbitrary<(typeof nodeTypes)[number]>, { minLength: 1, maxLength: 6 }).map((types): ProcessDefinition => {
  const nodes: ProcessNode[] = [{ id: 's', type: 'start' }, ...types.map((t, i) => nodeOf(`n${i}`, t)), { id: 'z', type: 'end' }];
  return { key: 'chain', name: { zh: '链', en: 'Chain' }, nodes, edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, from: nodes[i].id, to: n.id })) };
});

const breakers: [string, (d: ProcessDefinition) => unknown][] = [
  ['drop the start', (d) => ({ ...d, nodes: d.nodes.filter((n) => n.type !== 'start') })],
  ['drop an edge', (d) => ({ ...d, edges: d.edges.slice(1) })],
  ['dangling edge', (d) => ({ ...d, edges: [...d.edges, { id: 'x', from: d.nodes[1].id, to: 'ghost' }] })],
  ['duplicate node id', (d) => ({ ...d, nodes: [...d.nodes, { ...d.nodes[1] }] })],
  ['orphan node', (d) => ({ ...d, nodes: [...d.nodes, { id: 'orphan', type: 'end' }] })],
  ['second exit', (d) => ({ ...d, edges: [...d.edges, { id: 'x', from: d.nodes[1].id, to: 'z' }] })],
  ['bad duration', (d) => ({ ...d, nodes: [...d.nodes.slice(0, -1), { id: 't', type: 'timer', duration: 'P1Y' }, d.nodes[d.nodes.length - 1]], edges: [...d.edges.slice(0, -1), { id: 'x1', from: d.nodes[d.nodes.length - 2].id, to: 't' }, { id: 'x2', from: 't', to: 'z' }] })],
  ['gateway without default', (d) => ({ ...d, nodes: [...d.nodes, { id: 'g', type: 'gateway' }], edges: [...d.edges.map((e) => (e.to === 'z' ? { ...e, to: 'g' } : e)), { id: 'x', from: 'g', to: 'z', condition: { all: [{ fact: 'a', operator: 'equal', value: 1 }] } }] })],
];

test('property: valid chains pass, and every way of breaking one is caught', () => {
  fc.assert(
    fc.property(validChain, fc.constantFrom(...breakers), (def, [, breakIt]) => {
      expect(validateDefinition(def, ctx)).toEqual([]);
      expect(validateDefinition(breakIt(structuredClone(def)), ctx).length).toBeGreaterThan(0);
    }),
    { numRuns: 800 },
  );
});
