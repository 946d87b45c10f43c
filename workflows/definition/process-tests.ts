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

/** Whether a run is what a test expects, and if not, each difference. */
/** What a test compares of a dry run (../dry-run.ts DryRunResult). */
export interface RunSummary {
  status: ProcessTest['expect']['status'];
  outcome?: string;
  nodeId?: string;
  error?: string;
  path: { nodeId: string }[];
}

export function testVerdict(test: ProcessTest, run: RunSummary) {
  const want = test.expect;
  const path = run.path.map((v) => v.nodeId);
  const reasons: string[] = [];
  if (run.status !== want.status) reasons.push(`expected ${want.status}, got ${run.status}${run.error ? ` (${run.error})` : ''}`);
  if (want.outcome !== undefined && run.outcome !== want.outcome) reasons.push(`expected the outcome '${want.outcome}', got '${run.outcome ?? ''}'`);
  if (want.nodeId !== undefined && run.nodeId !== want.nodeId) reasons.push(`expected to stop at '${want.nodeId}', stopped at '${run.nodeId ?? ''}'`);
  if (want.path !== undefined && path.join() !== want.path.join()) reasons.push(`expected the path ${want.path.join(' → ')}, took ${path.join(' → ')}`);
  return { passed: reasons.length === 0, reasons, actual: { status: run.status, outcome: run.outcome, nodeId: run.nodeId, path } };
}
