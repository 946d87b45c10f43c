/**
 * A ladder step's `startSubprocess` actions: each starts another process as a linked case, a
 * child of this one that outlives the step, the node and the case (it is abandoned, not
 * cancelled, when they end), with its input mapped from the case's variables as the step is
 * taken. The child's id is the case's, the node's, the visit's, the step's and the action's, so a
 * retried step, or the same step seen twice, starts it once. Only steps that declare the action
 * reach here, under a patch marker, so histories recorded before it replay unchanged.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { CancellationScope, ChildWorkflowCancellationType, ParentClosePolicy, patched, startChild, workflowInfo } from '@temporalio/workflow';
import type { ActivityMeta, LadderPlanStep, ProcessSnapshot } from '../activities';
import type { LadderAction } from '../definition/ladder-schema';
import { PROCESS_WORKFLOW_TYPE, type ProcessWorkflow } from '../process-workflow';

export const LADDER_SUBPROCESS_PATCH = 'ladder-start-subprocess';

type StartAction = Extract<LadderAction, { do: 'startSubprocess' }>;

/** What starting a step's subprocess needs of the interpreter. */
export interface LinkedStartInputs {
  resolve(action: StartAction): Promise<ProcessSnapshot>;
  /** The action's input, mapped from the case's variables now (and checked against the case's payload limit). */
  input(action: StartAction): Promise<Record<string, unknown>>;
}

/** The linked case's id: one per case, node, visit, step (1-based) and action (1-based). */
export function linkedCaseId(caseId: string, meta: ActivityMeta, step: number, action: number): string {
  return `${caseId}.${meta.nodeId}.${meta.visit}.ladder${step + 1}-${action + 1}`;
}

/** Starts the step's subprocesses, if it has any; answers the linked cases' ids. */
export async function startStepSubprocesses(step: LadderPlanStep, index: number, meta: ActivityMeta, inputs: LinkedStartInputs): Promise<string[]> {
  const starts = step.actions.flatMap((a, j) => (a.do === 'startSubprocess' ? [{ action: a, j }] : []));
  if (starts.length === 0 || !patched(LADDER_SUBPROCESS_PATCH)) return [];
  // The step stands once taken: the node ending meanwhile (the task completed) must not stop its starts half-way.
  return CancellationScope.nonCancellable(async () => {
    const started: string[] = [];
    for (const { action, j } of starts) {
      const snap = await inputs.resolve(action);
      const input = await inputs.input(action);
      const workflowId = linkedCaseId(workflowInfo().workflowId, meta, index, j);
      try {
        await startChild<ProcessWorkflow>(PROCESS_WORKFLOW_TYPE, {
          args: [{ definition: snap.definition, version: snap.version, hash: snap.hash, activityOptions: snap.activityOptions, input, limits: snap.limits }],
          workflowId,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          cancellationType: ChildWorkflowCancellationType.ABANDON,
        });
      } catch (err) {
        // Started already (the case was reset past the step): the one linked case stands.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      started.push(workflowId);
    }
    return started;
  });
}
