/**
 * A process's own tests: saved dry runs (../dry-run.ts), each an input, the stubs of chosen steps
 * and what must happen (the end, the path). Like a rule set's tests they run on every draft save
 * and on publish, where a failing one refuses the publish unless acknowledged.
 */
import { z } from 'zod';
import type { Problem } from '../../language/problem';
import { identifier } from '../../language/identifiers';

/** Node types a stub may be given for, and what the stub stands for. */
export const STUBBABLE = {
  /** The activity's output (written to the node's output variable). */
  activity: 'output',
  /** The awaited event's payload: the event arrives at once. */
  event: 'payload',
  /** The completed task's form data. */
  task: 'data',
  /** The child's result: { outcome, variables }. */
  subprocess: 'result',
} as const;

export const processTest = z
  .object({
    name: z.string().min(1).max(200),
    input: z.record(z.string(), z.unknown()).optional(),
    stubs: z.record(identifier, z.unknown()).optional(),
    expect: z
      .object({
        status: z.enum(['completed', 'failed', 'waiting']),
        /** The end's outcome (completed runs). */
        outcome: z.string().max(100).optional(),
        /** The end reached, the step that failed, or the step it waits at. */
        nodeId: identifier.optional(),
        /** Every step entered, in order. */
        path: z.array(identifier).max(1000).optional(),
      })
      .strict(),
  })
  .strict();
export type ProcessTest = z.infer<typeof processTest>;

export const processTests = z.array(processTest).max(50);

/** Tests that name steps the process lacks, or stub steps that take no stub. */
export function processTestProblems(def: { nodes: { id: string; type: string }[]; tests?: ProcessTest[] }): Problem[] {
  const types = new Map(def.nodes.map((n) => [n.id, n.type]));
  const problems: Problem[] = [];
  const names = new Set<string>();
  (def.tests ?? []).forEach((test, i) => {
    if (names.has(test.name)) problems.push({ path: `tests/${i}/name`, code: 'duplicate_test', message: `another test is named '${test.name}'` });
    names.add(test.name);
    for (const id of Object.keys(test.stubs ?? {})) {
      const type = types.get(id);
      if (!type) problems.push({ path: `tests/${i}/stubs/${id}`, code: 'unknown_node', message: `test '${test.name}' stubs '${id}', which is not a step of the process` });
      else if (!Object.hasOwn(STUBBABLE, type)) problems.push({ path: `tests/${i}/stubs/${id}`, nodeId: id, code: 'not_stubbable', message: `test '${test.name}' stubs a ${type} step, which takes no stub` });
    }
    const named = [...(test.expect.path ?? []), ...(test.expect.nodeId ? [test.expect.nodeId] : [])];
    for (const id of new Set(named)) {
      if (!types.has(id)) problems.push({ path: `tests/${i}/expect`, code: 'unknown_node', message: `test '${test.name}' expects '${id}', which is not a step of the process` });
    }
  });
  return problems;
}

/** What a test compares of a dry run (../dry-run.ts DryRunResult). */
export interface RunSummary {
  status: ProcessTest['expect']['status'];
  outcome?: string;
  nodeId?: string;
  error?: string;
  failure?: 'no_stub' | 'step_failed';
  path: { nodeId: string }[];
}

/**
 * Why a test fails, each kind at most once: the run ended otherwise (`status`), failed at a step
 * that had no stub (`no_stub`) or at a step that failed (`step_failed`), ended with another
 * outcome, stopped at another step, or took another path. A client words it from the code.
 */
export const testFailureCodes = ['status', 'no_stub', 'step_failed', 'outcome', 'stop', 'path'] as const;
export type TestFailureCode = (typeof testFailureCodes)[number];

/**
 * One reason with its values, all strings: `expected` and `actual` (a status, an outcome, a step
 * id, or a path as step ids joined by `,`), `node` (the step a run failed or waits at), `detail`
 * (the failure's own English words); `message` is the reason in English, for API clients.
 */
export interface TestFailure {
  code: TestFailureCode;
  params: Record<string, string>;
  message: string;
}

/** Why a run that ended otherwise than expected did: how it failed, or only its status. */
function statusFailure(want: ProcessTest['expect']['status'], run: RunSummary): TestFailure {
  const node = run.nodeId ?? '';
  if (run.status === 'failed' && run.failure === 'no_stub') {
    return { code: 'no_stub', params: { expected: want, node }, message: `expected ${want}, but step '${node}' has no stub (a dry run calls no real step)` };
  }
  if (run.status === 'failed') {
    return { code: 'step_failed', params: { expected: want, node, detail: run.error ?? '' }, message: `expected ${want}, but step '${node}' failed${run.error ? ` (${run.error})` : ''}` };
  }
  return { code: 'status', params: { expected: want, actual: run.status, node }, message: `expected ${want}, got ${run.status}${run.nodeId ? ` at '${node}'` : ''}` };
}

/** Whether a run is what a test expects, and if not, each difference. */
export function testVerdict(test: ProcessTest, run: RunSummary) {
  const want = test.expect;
  const path = run.path.map((v) => v.nodeId);
  const failures: TestFailure[] = [];
  if (run.status !== want.status) failures.push(statusFailure(want.status, run));
  if (want.outcome !== undefined && run.outcome !== want.outcome) {
    failures.push({ code: 'outcome', params: { expected: want.outcome, actual: run.outcome ?? '' }, message: `expected the outcome '${want.outcome}', got '${run.outcome ?? ''}'` });
  }
  if (want.nodeId !== undefined && run.nodeId !== want.nodeId) {
    failures.push({ code: 'stop', params: { expected: want.nodeId, actual: run.nodeId ?? '' }, message: `expected to stop at '${want.nodeId}', stopped at '${run.nodeId ?? ''}'` });
  }
  if (want.path !== undefined && path.join() !== want.path.join()) {
    failures.push({ code: 'path', params: { expected: want.path.join(), actual: path.join() }, message: `expected the path ${want.path.join(' → ')}, took ${path.join(' → ')}` });
  }
  return { passed: failures.length === 0, reasons: failures.map((f) => f.message), failures, actual: { status: run.status, outcome: run.outcome, nodeId: run.nodeId, path } };
}

/**
 * A failing test as one problem (`process_test_failed` at `tests/<i>`) whose params carry the test's
 * name and each reason's values flattened (`reasons: "status,path"`, `path.expected`, ...), so a
 * client words every reason in its language from the problem alone; `failuresOf` reads them back.
 */
export function failingTestProblem(index: number, name: string, failures: TestFailure[]): Problem {
  const params: Record<string, string> = { test: name, reasons: failures.map((f) => f.code).join() };
  for (const f of failures) for (const [k, v] of Object.entries(f.params)) params[`${f.code}.${k}`] = v;
  return { path: `tests/${index}`, code: 'process_test_failed', message: `test '${name}' fails: ${failures.map((f) => f.message).join('; ')}`, params };
}

/** The reasons a `process_test_failed` problem carries (failingTestProblem), without their English words. */
export function failuresOf(params: Record<string, string> | undefined): Omit<TestFailure, 'message'>[] {
  const codes = (params?.reasons ?? '').split(',').filter((c): c is TestFailureCode => (testFailureCodes as readonly string[]).includes(c));
  return codes.map((code) => {
    const prefix = `${code}.`;
    const own = Object.entries(params ?? {}).filter(([k]) => k.startsWith(prefix));
    return { code, params: Object.fromEntries(own.map(([k, v]) => [k.slice(prefix.length), v])) };
  });
}
