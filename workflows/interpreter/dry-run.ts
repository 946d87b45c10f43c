/**
 * The dry-run workflow (../dry-run.ts): the case interpreter over a draft's definition, in dry-run
 * mode, with no handlers (nothing can be sent to a dry run) and no projection. It never fails:
 * a failure, like a wait no stub ends, is part of its answer, with the path up to it.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { graphProblems } from '../definition/graph-checks';
import type { DryRunInput, DryRunResult } from '../dry-run';
import { resolveLimits } from '../limits';
import { CaseRuntime } from './case-state';
import { DryRunHalt, DryRunMode } from './dry-run-mode';
import { describeError, Interpreter, NodeFailure } from './interpreter';

export async function dryRunProcess(args: DryRunInput): Promise<DryRunResult> {
  const problems = graphProblems(args.definition);
  if (problems.length) throw ApplicationFailure.nonRetryable(`invalid process definition: ${problems[0].path} ${problems[0].message}`, 'InvalidDefinition', problems);
  const runtime = new CaseRuntime(
    args.definition.key,
    args.version,
    { variables: { ...args.input }, history: [], historyDropped: 0, visits: {}, pendingEvents: [], run: 1 },
    resolveLimits(args.limits),
  );
  const dry = new DryRunMode(args);
  const interp = new Interpreter(args.definition, args.activityOptions, runtime, dry);
  const report = () => ({ path: runtime.history, steps: dry.steps, variables: runtime.variables, elapsedMs: dry.elapsedMs() });
  try {
    const end = await interp.runPath(args.definition.nodes.find((n) => n.type === 'start')!.id, true);
    return { status: 'completed', ...(end.kind === 'end' ? { nodeId: end.nodeId, outcome: end.outcome } : {}), ...report() };
  } catch (err) {
    if (err instanceof DryRunHalt) return { status: 'waiting', nodeId: err.nodeId, ...report() };
    const failure = err instanceof NodeFailure && err.code === 'no_stub' ? 'no_stub' : 'step_failed';
    return { status: 'failed', nodeId: err instanceof NodeFailure ? err.nodeId : undefined, error: describeError(err), failure, ...report() };
  }
}
