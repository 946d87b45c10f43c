import { DEFAULT_CASE_LIMITS } from '../limits';
import { LoopWithoutWaitError, TaskBudget } from './task-budget';

const limits = { ...DEFAULT_CASE_LIMITS, stepsWithoutWait: 3 };

test('nodes past the limit in one workflow task fail with a stable code; a new task starts the count over', () => {
  let task = 3;
  const budget = new TaskBudget(limits, () => task);
  for (let i = 0; i < 3; i++) budget.enter();
  expect(() => budget.enter()).toThrow(LoopWithoutWaitError);
  try {
    budget.enter();
  } catch (err) {
    expect((err as LoopWithoutWaitError).code).toBe('loop_without_wait');
    expect((err as Error).message).toMatch(/^loop of 3 steps without a wait/);
  }
  task = 9;
  for (let i = 0; i < 3; i++) budget.enter();
  expect(() => budget.enter()).toThrow(LoopWithoutWaitError);
});

test('expression steps are shared within a workflow task and renewed in the next', () => {
  let task = 3;
  const budget = new TaskBudget(limits, () => task);
  budget.expression.steps += 40;
  expect(budget.expression.steps).toBe(40);
  task = 5;
  expect(budget.expression.steps).toBe(0);
  expect(budget.expression.limits).toBe(limits.expression);
});
