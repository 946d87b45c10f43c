/**
 * One broken definition per validation code, built from a valid base. Shared by
 * the validator's unit tests and the API tests, so both cover every code.
 */
import type { ProcessDefinition } from '../../workflows/definition/schema';

export function validBase(): ProcessDefinition {
  return {
    key: 'base',
    name: { zh: '基础', en: 'Base' },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'note', type: 'activity', activity: 'log', input: { message: "'arrived'" } },
      { id: 'route', type: 'gateway' },
      { id: 'wait', type: 'event', event: 'result', timeout: 'PT1H' },
      { id: 'done', type: 'end', outcome: 'done' },
      { id: 'late', type: 'end', outcome: 'late' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'note' },
      { id: 'e2', from: 'note', to: 'route' },
      { id: 'e3', from: 'route', to: 'wait', condition: { all: [{ fact: 'risk', operator: 'equal', value: 'high' }] } },
      { id: 'e4', from: 'route', to: 'done', default: true },
      { id: 'e5', from: 'wait', to: 'done' },
      { id: 'e6', from: 'wait', to: 'late', on: 'timeout' },
    ],
  };
}

type Mutation = (d: ProcessDefinition) => unknown;

const node = (d: ProcessDefinition, id: string) => d.nodes.find((n) => n.id === id)! as Record<string, unknown>;

/** code → a mutation of the valid base that must produce (at least) that code. */
export const invalidCases: [code: string, mutate: Mutation][] = [
  ['invalid_schema', (d) => ({ ...d, nodes: [...d.nodes, { id: 'x', type: 'teleport' }] })],
  ['too_large', (d) => ({ ...d, description: 'x'.repeat(3999), nodes: [...d.nodes, ...Array.from({ length: 999 }, (_, i) => ({ id: `n${i}`, type: 'assign', assign: { v: `'${'y'.repeat(500)}'` } }))].slice(0, 1000) })],
  ['duplicate_id', (d) => ({ ...d, edges: [...d.edges, { ...d.edges[0] }] })],
  ['group_unknown_node', (d) => ({ ...d, groups: [{ id: 'g1', name: { zh: '组', en: 'Group' }, nodes: ['note', 'ghost'] }] })],
  ['group_overlap', (d) => ({ ...d, groups: [{ id: 'g1', name: { zh: '组一', en: 'One' }, nodes: ['note', 'route'] }, { id: 'g2', name: { zh: '组二', en: 'Two' }, nodes: ['route'] }] })],
  ['dangling_edge', (d) => ({ ...d, edges: [...d.edges, { id: 'e9', from: 'note', to: 'ghost' }] })],
  ['missing_start', (d) => ({ ...d, nodes: d.nodes.filter((n) => n.type !== 'start'), edges: d.edges.filter((e) => e.from !== 'start') })],
  ['multiple_starts', (d) => ({ ...d, nodes: [...d.nodes, { id: 'start2', type: 'start' }], edges: [...d.edges, { id: 'e9', from: 'start2', to: 'note' }] })],
  ['start_has_incoming', (d) => ({ ...d, edges: d.edges.map((e) => (e.id === 'e5' ? { ...e, to: 'start' } : e)) })],
  ['end_has_outgoing', (d) => ({ ...d, edges: [...d.edges, { id: 'e9', from: 'late', to: 'done' }] })],
  ['unknown_activity', (d) => (node(d, 'note').activity = 'teleportPerson', d)],
  ['unreachable_node', (d) => ({ ...d, nodes: [...d.nodes, { id: 'orphan', type: 'assign', assign: { x: '1' } }], edges: [...d.edges, { id: 'e9', from: 'orphan', to: 'done' }] })],
  ['no_path_to_end', (d) => ({ ...d, nodes: [...d.nodes, { id: 'stuck', type: 'timer', duration: 'PT1M' }, { id: 'loop', type: 'assign', assign: { x: '1' } }], edges: [...d.edges.map((e) => (e.id === 'e4' ? { ...e, to: 'stuck' } : e)), { id: 'e9', from: 'stuck', to: 'loop' }, { id: 'e10', from: 'loop', to: 'stuck' }] })],
  ['missing_default', (d) => ({ ...d, edges: d.edges.map((e) => (e.id === 'e4' ? { ...e, default: undefined, condition: { all: [{ fact: 'risk', operator: 'equal', value: 'low' }] } } : e)) })],
  ['multiple_defaults', (d) => ({ ...d, edges: d.edges.map((e) => (e.id === 'e3' ? { id: e.id, from: e.from, to: e.to, default: true } : e)) })],
  ['missing_condition', (d) => ({ ...d, edges: d.edges.map((e) => (e.id === 'e3' ? { id: e.id, from: e.from, to: e.to } : e)) })],
  ['missing_outcome', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'route' ? { id: 'route', type: 'decision', ruleset: 'arrival-classification' } : n)), edges: d.edges.map((e) => (e.id === 'e3' ? { id: e.id, from: e.from, to: e.to } : e)) })],
  ['duplicate_outcome', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'route' ? { id: 'route', type: 'decision', ruleset: 'arrival-classification' } : n)), edges: [...d.edges.map((e) => (e.id === 'e3' ? { id: e.id, from: e.from, to: e.to, outcome: 'release' } : e)), { id: 'e9', from: 'route', to: 'late', outcome: 'release' }] })],
  ['missing_outgoing', (d) => ({ ...d, edges: d.edges.filter((e) => e.id !== 'e2') })],
  ['too_many_outgoing', (d) => ({ ...d, edges: [...d.edges, { id: 'e9', from: 'note', to: 'done' }] })],
  ['misplaced_edge', (d) => ({ ...d, edges: [...d.edges, { id: 'e9', from: 'start', to: 'late', on: 'timeout' }] })],
  ['missing_timeout_edge', (d) => ({ ...d, edges: d.edges.filter((e) => e.id !== 'e6'), nodes: d.nodes.filter((n) => n.id !== 'late') })],
  ['bad_form', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'wait' ? { id: 'wait', type: 'task', title: { zh: '任务', en: 'Task' }, form: { type: 'string' }, deadline: 'PT1H' } : n)) })],
  ['parallel_needs_branches', (d) => ({ ...d, nodes: [...d.nodes, { id: 'fork', type: 'parallel' }], edges: [...d.edges.map((e) => (e.id === 'e1' ? { ...e, to: 'fork' } : e)), { id: 'e9', from: 'fork', to: 'note' }] })],
  ['join_without_fork', (d) => ({ ...d, nodes: [...d.nodes, { id: 'join', type: 'join' }], edges: [...d.edges.map((e) => (e.id === 'e2' ? { ...e, to: 'join' } : e)), { id: 'e9', from: 'join', to: 'route' }] })],
  ['join_mismatch', (d) => ({
    ...d,
    nodes: [...d.nodes, { id: 'fork', type: 'parallel' }, { id: 'j1', type: 'join' }, { id: 'j2', type: 'join' }],
    edges: [
      ...d.edges.filter((e) => e.id !== 'e2'),
      { id: 'e9', from: 'note', to: 'fork' },
      { id: 'e10', from: 'fork', to: 'j1' },
      { id: 'e11', from: 'fork', to: 'j2' },
      { id: 'e12', from: 'j1', to: 'route' },
      { id: 'e13', from: 'j2', to: 'route' },
    ],
  })],
  ['loop_without_exit', (d) => ({ ...d, nodes: [...d.nodes, { id: 'spin', type: 'timer', duration: 'PT1M' }, { id: 'back', type: 'assign', assign: { n: '1' } }], edges: [...d.edges.map((e) => (e.id === 'e4' ? { ...e, to: 'spin' } : e)), { id: 'e9', from: 'spin', to: 'back' }, { id: 'e10', from: 'back', to: 'spin' }] })],
  ['bad_duration', (d) => (node(d, 'wait').timeout = 'P1M', d)],
  ['expression_syntax', (d) => (node(d, 'note').input = { message: "'unclosed" }, d)],
  ['timer_config', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'wait' ? { id: 'wait', type: 'timer' } : n)), edges: d.edges.filter((e) => e.id !== 'e6'), })],
  ['unknown_operator', (d) => ({ ...d, edges: d.edges.map((e) => (e.id === 'e3' ? { ...e, condition: { all: [{ fact: 'risk', operator: 'eval', value: 'x' }] } } : e)) })],
  ['bad_path', (d) => ({ ...d, edges: d.edges.map((e) => (e.id === 'e3' ? { ...e, condition: { all: [{ fact: 'risk', path: '__proto__.x', operator: 'equal', value: 'x' }] } } : e)) })],
  ['depth_exceeded', (d) => {
    let cond: Record<string, unknown> = { fact: 'risk', operator: 'equal', value: 'high' };
    for (let i = 0; i < 11; i++) cond = { all: [cond] };
    return { ...d, edges: d.edges.map((e) => (e.id === 'e3' ? { ...e, condition: cond } : e)) };
  }],
];

export function brokenDefinition(code: string): unknown {
  const entry = invalidCases.find(([c]) => c === code);
  if (!entry) throw new Error(`no invalid case for ${code}`);
  return entry[1](validBase());
}
