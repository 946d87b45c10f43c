import { validBase } from '../../test/support/invalid-definitions';
import { processLibrary } from '../../domain/library/processes';
import { DEFAULT_CASE_LIMITS } from '../limits';
import type { ProcessDefinition, ProcessNode } from './schema';
import { validateDefinition } from './validate';
import { definitionWarnings } from './warnings';

/** The valid base with one more assign node between `note` and `route`. */
function withAssign(assign: Record<string, string>): ProcessDefinition {
  const d = validBase();
  d.nodes.push({ id: 'calc', type: 'assign', assign });
  d.edges = d.edges.map((e) => (e.id === 'e2' ? { ...e, to: 'calc' } : e));
  d.edges.push({ id: 'e9', from: 'calc', to: 'route' });
  return d;
}

const codes = (d: ProcessDefinition) => definitionWarnings(d).map((w) => w.code);

test('the valid base and every library process have no warnings', () => {
  expect(definitionWarnings(validBase())).toEqual([]);
  for (const def of processLibrary) expect(definitionWarnings(def)).toEqual([]);
});

test.each([
  ['itself', '($f := function($n){ $f($n + 1) }; $f(0))'],
  ['itself, not in tail position', '($f := function($n){ $n > 9 ? $n : 1 + $f($n + 1) }; $f(0))'],
  ['another function that calls it back', '($g := function($n){ $h($n) }; $h := function($n){ $g($n) }; $g(1))'],
  ['a variable bound to it', '($f := function($n){ ($k := $f; $k($n)) }; $f(1))'],
])('a function that calls %s is a warning naming the node, the field and the limits', (_how, source) => {
  const warnings = definitionWarnings(withAssign({ v: source }));
  expect(warnings[0]).toEqual({
    path: 'nodes/6/assign/v',
    nodeId: 'calc',
    code: 'recursive_function',
    message: expect.stringMatching(/^the function \$[fgh] calls itself: the case fails if the calls nest deeper than 200 or take over 5000 steps$/),
  });
  // A warning, not a problem: the definition stays valid.
  expect(validateDefinition(withAssign({ v: source }), { activities: ['log'] })).toEqual([]);
});

test('functions that do not call themselves are not warned about', () => {
  expect(codes(withAssign({ a: '$map([1, 2], function($v){ $v * 2 })', b: '($double := function($x){ $x * 2 }; $double(3))', c: '($f := function($f){ $f(1) }; $f(function($x){ $x }))' }))).toEqual([]);
});

test('a range warns when a bound is not a literal number or when it is over the size limit', () => {
  expect(codes(withAssign({ a: '[1..10]', b: `[1..${DEFAULT_CASE_LIMITS.expression.items}]` }))).toEqual([]);
  const warnings = definitionWarnings(withAssign({ big: '[1..10000000]', open: '[1..count]' }));
  expect(warnings).toEqual([
    { path: 'nodes/6/assign/big', nodeId: 'calc', code: 'large_range', message: 'the range 1..10000000 (at character 4) has 10000000 items, over the limit of 100000' },
    { path: 'nodes/6/assign/open', nodeId: 'calc', code: 'unbounded_range', message: expect.stringContaining('a bound that is not a literal number') },
  ]);
});

test('expressions in every field are read: durations, deadlines, until, facts and inputs', () => {
  const d = validBase();
  const risky = '$count([1..n])';
  const extra: ProcessNode[] = [
    { id: 't1', type: 'timer', duration: risky },
    { id: 't2', type: 'timer', until: risky },
    { id: 'ask', type: 'task', title: { zh: '任务', en: 'Task' }, deadline: risky },
    { id: 'call', type: 'activity', activity: 'log', input: { message: risky } },
  ];
  d.nodes.push(...extra);
  d.edges = d.edges.map((e) => (e.id === 'e2' ? { ...e, to: 't1' } : e));
  d.edges.push({ id: 'x1', from: 't1', to: 't2' }, { id: 'x2', from: 't2', to: 'ask' }, { id: 'x3', from: 'ask', to: 'call' }, { id: 'x4', from: 'call', to: 'route' }, { id: 'x5', from: 'ask', to: 'late', on: 'timeout' });
  expect(definitionWarnings(d).map((w) => w.path)).toEqual(['nodes/6/duration', 'nodes/7/until', 'nodes/8/deadline', 'nodes/9/input/message']);
});

test('a loop with no activity, timer, event, task or subprocess on it is a warning; with one, none', () => {
  const spin = validBase();
  spin.nodes.push({ id: 'inc', type: 'assign', assign: { n: 'n + 1' } });
  spin.edges = [...spin.edges.filter((e) => e.id !== 'e4'), { id: 'e7', from: 'route', to: 'inc', condition: { all: [{ fact: 'n', operator: 'lessThan', value: 3 }] } }, { id: 'e8', from: 'inc', to: 'route' }, { id: 'e9', from: 'route', to: 'done', default: true }];
  expect(validateDefinition(spin, { activities: ['log'] })).toEqual([]);
  expect(definitionWarnings(spin)).toEqual([
    { path: expect.stringMatching(/^nodes\/\d+$/), nodeId: expect.any(String), code: 'loop_without_wait', message: expect.stringMatching(/^the loop through (route, inc|inc, route) has no activity, timer, event, task or subprocess: after 1000 steps without a wait the case fails$/) },
  ]);
  // The same loop through the activity `note` waits on every turn.
  const waits = validBase();
  waits.edges = [...waits.edges.filter((e) => e.id !== 'e4'), { id: 'e7', from: 'route', to: 'note', condition: { all: [{ fact: 'n', operator: 'lessThan', value: 3 }] } }, { id: 'e9', from: 'route', to: 'done', default: true }];
  expect(codes(waits)).toEqual([]);
});
