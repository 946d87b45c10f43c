/**
 * Incidents instead of silent failure: when a step's call fails for good (its retries are spent,
 * or it failed non-retryably: bad input, a host not allowed, an adapter's refusal) and the node
 * has no error edge, the case does not fail. It waits at the node with an incident, recorded in
 * the database, until an operator resolves it through the resolveIncident update: retry the step,
 * skip it along a chosen edge with a given output, or fail the case.
 *
 * Cases whose history has no patch marker at that point failed there, and replay as they ran.
 */
import { ActivityFailure, ApplicationFailure, condition, isCancellation, patched } from '@temporalio/workflow';
import type { ActivityMeta, EngineActivities } from '../activities';
import { workflowNow } from '../clock';
import type { Graph } from '../definition/graph';
import type { ProcessNode } from '../definition/schema';
import type { IncidentResolution, OpenIncident } from '../messages';
import type { CaseRuntime } from './case-state';
import { skipEdge, skipOutputProblem } from './incident-exits';

export const INCIDENTS_PATCH = 'incidents';

/** Kinds of node that call an activity (a decision through a local one), whose failure can wait for an operator. */
const CALLING_NODES: ReadonlySet<string> = new Set(['activity', 'decision']);

/**
 * Whether `err`, thrown by `node`, opens an incident. The patch is asked last, only when the
 * answer would otherwise be yes, so the marker is written where the behaviour changed.
 */
export function opensIncident(node: ProcessNode, err: unknown, hasErrorEdge: boolean): err is CallFailure {
  return CALLING_NODES.has(node.type) && isCallFailure(node, err) && !isCancellation(err) && !hasErrorEdge && patched(INCIDENTS_PATCH);
}

/** How a call fails for good: an activity with an ActivityFailure; a decision's local activity with its ApplicationFailure itself. */
export type CallFailure = ActivityFailure | ApplicationFailure;

function isCallFailure(node: ProcessNode, err: unknown): err is CallFailure {
  return err instanceof ActivityFailure || (node.type === 'decision' && err instanceof ApplicationFailure);
}

/** The failure the called code raised. */
const causeOf = (err: CallFailure): unknown => (err instanceof ActivityFailure ? err.cause : err);

/**
 * How many attempts the failed call made: all it was allowed when its retries ran out; else the
 * attempt the activity noted on a non-retryable failure (engine/activities/registry.ts), else its first.
 */
function attemptsOf(err: CallFailure, maxAttempts: number): number {
  if (err instanceof ActivityFailure && err.retryState === 'MAXIMUM_ATTEMPTS_REACHED') return maxAttempts;
  const cause = causeOf(err);
  const details = cause instanceof ApplicationFailure ? (cause.details ?? []) : [];
  const noted = details.find((d): d is { attempt: number } => typeof (d as { attempt?: unknown })?.attempt === 'number');
  // A local activity's retryable failure reaches the workflow only once its attempts are spent.
  return noted?.attempt ?? (err instanceof ApplicationFailure && !err.nonRetryable ? maxAttempts : 1);
}

/**
 * Opens the `round`-th incident of this visit of the node and waits for its resolution. It is in
 * the case's state before the database hears of it, so a resolution can never arrive first.
 */
export async function awaitResolution(
  runtime: CaseRuntime,
  engine: EngineActivities,
  meta: ActivityMeta,
  failure: { err: CallFailure; message: string; maxAttempts: number; round: number },
): Promise<IncidentResolution> {
  const { err } = failure;
  const cause = causeOf(err);
  const incidentId = `${meta.caseId}:${meta.nodeId}:${meta.visit}:${failure.round}`;
  const incident: OpenIncident = {
    incidentId,
    nodeId: meta.nodeId,
    error: failure.message,
    ...(cause instanceof ApplicationFailure && cause.type ? { errorType: cause.type } : {}),
    attempts: attemptsOf(err, failure.maxAttempts),
    openedAt: new Date(workflowNow()).toISOString(),
  };
  const entry = { incident, resolution: null as IncidentResolution | null };
  runtime.incidents.set(incidentId, entry);
  try {
    await engine.openIncident({ incidentId, error: incident.error, errorType: incident.errorType, attempts: incident.attempts, meta });
    await condition(() => entry.resolution !== null);
    return entry.resolution!;
  } finally {
    runtime.incidents.delete(incidentId);
  }
}

/** The update's validator: refuses a resolution the case cannot act on, before it enters the history. */
export function checkResolution(graph: Graph, runtime: CaseRuntime, r: IncidentResolution): void {
  const entry = runtime.incidents.get(r.incidentId);
  if (!entry || entry.resolution) throw new Error(`incident '${r.incidentId}' is not open in this case`);
  if (r.action !== 'skip') {
    if (r.outcome !== undefined || r.output !== undefined) throw new Error('outcome and output belong to a skip');
    return;
  }
  const node = graph.nodes.get(entry.incident.nodeId)!;
  skipEdge(graph, node.id, r.outcome);
  const problem = skipOutputProblem(node, r.output);
  if (problem) throw new Error(problem);
}
