/**
 * A case is stuck when its workflow task keeps failing (a bug, a non-determinism, a
 * crash in the sandbox): Temporal retries it forever and the case neither moves nor
 * answers queries. Describe shows the attempt count; the reason is the failure the
 * history recorded (Temporal records the first failed attempt, not the retries).
 */
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';

/** Failed attempts of one workflow task after which the case is reported stuck. */
export const STUCK_AFTER_ATTEMPTS = 2;

export interface StuckInfo {
  attempts: number;
  reason: string;
  since?: string;
}

function attemptsOf(desc: WorkflowExecutionDescription): number {
  return desc.raw.pendingWorkflowTask?.attempt ?? 0;
}

/** Whether the described case is stuck, and why; undefined when it is not. */
export async function stuckInfo(client: Client, namespace: string, desc: WorkflowExecutionDescription): Promise<StuckInfo | undefined> {
  const attempts = attemptsOf(desc);
  if (desc.status.name !== 'RUNNING' || attempts < STUCK_AFTER_ATTEMPTS) return undefined;
  const scheduled = desc.raw.pendingWorkflowTask?.originalScheduledTime?.seconds;
  const since = scheduled ? new Date(Number(scheduled) * 1000).toISOString() : undefined;
  let reason = 'the workflow task keeps failing';
  try {
    const res = await client.workflowService.getWorkflowExecutionHistoryReverse({
      namespace,
      execution: { workflowId: desc.workflowId, runId: desc.runId },
      maximumPageSize: 50,
    });
    const failed = res.history?.events?.find((e) => e.workflowTaskFailedEventAttributes);
    const message = failed?.workflowTaskFailedEventAttributes?.failure?.message;
    if (message) reason = message.split('\n')[0].slice(0, 500);
  } catch {
    // The reason is a courtesy: the attempt count alone says the case is stuck.
  }
  return { attempts, reason, since };
}
