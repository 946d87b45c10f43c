/**
 * Tells the worker where a case stands, for the case projection in PostgreSQL that the case list
 * and the heatmap read (engine/cases/projection/): the case's start (and each new run's version),
 * every node entered and left, and its end.
 *
 * Why a sink and not the engine's local activities (interpreter/engine-calls.ts): a local activity
 * is a marker in the history per call, and a visit is two calls (entered, left) at every node, so
 * a case's history would grow by about half and continue as new sooner; its result would also be
 * part of the history, which replay checks. A sink leaves nothing in the history (recorded
 * histories replay unchanged: test/replay.test.ts) and the SDK does not call it while a workflow
 * replays, so a replay writes nothing. The worker runs the writes after the activation, before it
 * completes the workflow task (engine/cases/projection/sink.ts bounds how long it waits).
 * What a sink does not promise is delivery: a write lost (the database down, a worker dying
 * between the activation and the write) is repaired from Temporal's visibility by the API's
 * reconciler (engine/cases/projection/reconcile.ts). A workflow task that is retried calls the
 * sink again with the same events; the writes are keyed by case and by (case, node, visit), so a
 * repeated event writes nothing twice.
 */
import { ApplicationFailure, ContinueAsNew, isCancellation, proxySinks, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { workflowNow } from './clock';
import { durationMs, looksLikeDuration } from './definition/duration';
import type { ProcessDefinition } from './definition/schema';
import type { VisitObserver } from './interpreter/case-state';
import { PROCESS_WORKFLOW_TYPE, type ProcessInput } from './process-workflow';
import { BusinessKeyAttr, OrgUnitAttr } from './search-attributes';

export interface CaseStartedEvent {
  processKey: string;
  version: number;
  /** The run of the case (1, then one more per continue-as-new or migration): a later run's version wins. */
  run: number;
  orgUnit?: string;
  businessKey?: string;
  parentId?: string;
  /** When the case (its first run) started, epoch ms. */
  startedAt: number;
}

export interface VisitEvent {
  processKey: string;
  version: number;
  nodeId: string;
  type: string;
  visit: number;
  /** The visit's place in the case's path, counting across runs: set when the node is entered. */
  step?: number;
  enteredAt: string;
  leftAt?: string;
  /** The edge the case left the node by. */
  edgeId?: string;
  outcome?: string;
  /** A task's deadline, when the node declares it as a literal duration. */
  dueAt?: string;
}

export type CaseEnd = 'completed' | 'failed' | 'cancelled';

/** Why a case failed, as its state says it (interpreter/case-state.ts). */
export interface CaseError {
  nodeId?: string;
  message: string;
  code?: string;
}

export interface CaseProjectionSinks extends Sinks {
  caseProjection: {
    started(e: CaseStartedEvent): void;
    visited(e: VisitEvent): void;
    ended(e: { status: CaseEnd; at: number; error?: CaseError }): void;
  };
}

const { caseProjection } = proxySinks<CaseProjectionSinks>();

/**
 * The observer that projects a run's visits. A task's deadline is known here only when it is a
 * literal duration; one computed from the case's data is not evaluated twice, so its case is not
 * marked overdue.
 */
export function visitProjection(definition: ProcessDefinition, version: number): VisitObserver {
  const deadlines = new Map<string, number>();
  for (const n of definition.nodes) if (n.type === 'task' && n.deadline && looksLikeDuration(n.deadline)) deadlines.set(n.id, durationMs(n.deadline));
  return {
    visited(r, step) {
      const deadline = deadlines.get(r.nodeId);
      const dueAt = deadline === undefined ? undefined : new Date(Date.parse(r.enteredAt) + deadline).toISOString();
      caseProjection.visited({ processKey: definition.key, version, nodeId: r.nodeId, type: r.type, visit: r.visit, step, enteredAt: r.enteredAt, leftAt: r.leftAt, edgeId: r.edgeId, outcome: r.outcome, dueAt });
    },
  };
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        const info = workflowInfo();
        if (info.workflowType !== PROCESS_WORKFLOW_TYPE) return next(input);
        const args = input.args[0] as ProcessInput | undefined;
        // Input the interpreter cannot read fails in the interpreter, as it did before this module.
        if (!args?.definition) return next(input);
        caseProjection.started({
          processKey: args.definition.key,
          version: args.version,
          run: args.resume?.state.run ?? 1,
          orgUnit: info.typedSearchAttributes.get(OrgUnitAttr),
          businessKey: info.typedSearchAttributes.get(BusinessKeyAttr),
          parentId: info.parent?.workflowId,
          startedAt: info.startTime.getTime(),
        });
        try {
          const result = await next(input);
          caseProjection.ended({ status: 'completed', at: workflowNow() });
          return result;
        } catch (err) {
          // A run that continues as new is the same case, still running.
          if (!(err instanceof ContinueAsNew)) {
            if (isCancellation(err)) caseProjection.ended({ status: 'cancelled', at: workflowNow() });
            else caseProjection.ended({ status: 'failed', at: workflowNow(), error: caseError(err) });
          }
          throw err;
        }
      },
    },
  ],
});

/** The error the interpreter failed the case with: its message, and the node and code its details carry. */
function caseError(err: unknown): CaseError {
  if (!(err instanceof ApplicationFailure)) return { message: err instanceof Error ? err.message : String(err) };
  const details = (err.details?.[0] ?? {}) as { nodeId?: unknown; code?: unknown };
  return {
    ...(typeof details.nodeId === 'string' ? { nodeId: details.nodeId } : {}),
    message: err.message,
    ...(typeof details.code === 'string' ? { code: details.code } : {}),
  };
}
