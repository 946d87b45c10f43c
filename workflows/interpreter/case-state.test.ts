import { DEFAULT_CASE_LIMITS } from '../limits';
import { CaseDataLimitError, CaseRuntime } from './case-state';

const limits = { ...DEFAULT_CASE_LIMITS, variableBytes: 100, stateBytes: 250 };

function runtime(variables: Record<string, unknown> = {}) {
  return new CaseRuntime('p', 1, { variables, history: [], historyDropped: 0, visits: {}, pendingEvents: [], run: 1 }, limits);
}

const text = (bytes: number) => 'x'.repeat(bytes - 2); // a JSON string of `bytes` bytes, quotes included

test('a variable over the limit per variable is refused, naming node, variable and limit, and nothing of the write is kept', () => {
  const rt = runtime({ kept: 1 });
  let err: unknown;
  try {
    rt.write('calc', { fine: text(50), big: text(101) });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(CaseDataLimitError);
  expect((err as CaseDataLimitError).code).toBe('case_data_limit');
  expect((err as Error).message).toBe("case data limit: variable 'big' written by node 'calc' is over 100 bytes of JSON (the limit per variable)");
  expect(rt.variables).toEqual({ kept: 1 });
});

test('the case total counts what is replaced once: overwriting a variable frees its old size', () => {
  const rt = runtime();
  rt.write('a', { one: text(100), two: text(100) });
  // 200 of 250 bytes used: a third of 100 would pass the case limit...
  expect(() => rt.write('b', { three: text(100) })).toThrow("case data limit: with 'three' written by node 'b' the case's variables would be 300 bytes of JSON, over 250 (the limit per case)");
  // ...but replacing one of the two is fine, and so is shrinking first.
  rt.write('c', { one: text(100) });
  rt.write('d', { two: 1, three: text(100) });
  expect(Object.keys(rt.variables)).toEqual(['one', 'two', 'three']);
});

test('Chinese text counts in UTF-8 bytes, three to a character', () => {
  const rt = runtime();
  rt.write('calc', { name: '检'.repeat(32) }); // 96 bytes and the quotes
  expect(() => rt.write('calc', { name: '检'.repeat(33) })).toThrow(CaseDataLimitError); // 101 bytes
});

test('a running timer is in the state with its due time, soonest first, until forgotten', () => {
  const rt = runtime();
  const now = Date.parse('2026-03-01T08:00:00Z');
  const later = rt.timerStarted({ nodeId: 'wait14d', type: 'timer', visit: 1, enteredAt: '' }, 'timer', now + 14 * 86_400_000);
  const sooner = rt.timerStarted({ nodeId: 'review', type: 'task', visit: 2, enteredAt: '' }, 'task_deadline', now + 3_600_000);
  const timers = rt.snapshot().timers!;
  expect(timers.map((t) => [t.nodeId, t.visit, t.kind])).toEqual([
    ['review', 2, 'task_deadline'],
    ['wait14d', 1, 'timer'],
  ]);
  expect(timers.map((t) => t.dueAt)).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-15T08:00:00.000Z']);
  sooner();
  later();
  expect(rt.snapshot().timers).toEqual([]);
});
