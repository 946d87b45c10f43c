/**
 * Why a process test fails, in the UI language: each reason's code (workflows/definition/process-tests.ts
 * TestFailure) with its values, steps named by their labels and outcomes by their names. The
 * server's English reason is never shown; a step's own failure detail is kept apart for the curious.
 */
import type { TFunction } from 'i18next';
import type { Problem } from '../../../language';
import { failuresOf, type TestFailure } from '../../../workflows/definition/process-tests';

/** How a client names what a reason refers to. */
export interface TestNames {
  step(id: string): string;
  outcome(code: string): string;
}

type Reason = Omit<TestFailure, 'message'>;

/** One reason in words. */
export function testFailureText(f: Reason, t: TFunction, names: TestNames): string {
  const p = f.params;
  const ending = (status: string | undefined) => t(`dryRun.ending.${status ?? ''}`, { defaultValue: status ?? '' });
  const step = (id: string | undefined) => (id ? names.step(id) : t('dryRun.noStep'));
  const outcome = (code: string | undefined) => (code ? names.outcome(code) : t('dryRun.noOutcome'));
  const path = (ids: string | undefined) => (ids ? ids.split(',').map(names.step).join(' → ') : t('dryRun.noStep'));
  switch (f.code) {
    case 'status':
      return t('dryRun.reason.status', { expected: ending(p.expected), actual: ending(p.actual), node: step(p.node) });
    case 'no_stub':
    case 'step_failed':
      return t(`dryRun.reason.${f.code}`, { expected: ending(p.expected), node: step(p.node) });
    case 'outcome':
      return t('dryRun.reason.outcome', { expected: outcome(p.expected), actual: outcome(p.actual) });
    case 'stop':
      return t('dryRun.reason.stop', { expected: step(p.expected), actual: step(p.actual) });
    case 'path':
      return t('dryRun.reason.path', { expected: path(p.expected), actual: path(p.actual) });
  }
}

/** All of a test's reasons, joined as the UI language joins clauses. */
export const testFailuresText = (failures: Reason[], t: TFunction, names: TestNames): string => failures.map((f) => testFailureText(f, t, names)).join(t('dryRun.reasonJoin'));

/** A `process_test_failed` problem (a publish refused, a save's report) as one line: the test and why. */
export function failingTestText(p: Problem, t: TFunction, names: TestNames): string {
  const failures = failuresOf(p.params);
  const test = p.params?.test ?? p.path;
  return failures.length ? t('dryRun.failingTestWhy', { name: test, reasons: testFailuresText(failures, t, names) }) : t('dryRun.failingTest', { name: test });
}
