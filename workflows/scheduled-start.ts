/**
 * What a Temporal Schedule starts: this small workflow, which asks an activity to start the
 * process's case through the API's own path (the case row first, then its workflow; see
 * engine/cases/case-start.ts). Starting the process workflow directly from the schedule would
 * leave a case without its row: no org unit, no scope, no audit.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';

export const SCHEDULED_START_WORKFLOW_TYPE = 'scheduledCaseStart';

/** The schedule's fixed action: which process, with what input, for which org unit. */
export interface ScheduledStart {
  scheduleId: string;
  processKey: string;
  /** Pinned version; the version in effect at each run when absent. */
  version?: number;
  input: Record<string, unknown>;
  orgUnit: string;
}

export interface ScheduleActivities {
  /** Starts the case of one run; `runKey` makes a retried attempt find the case it already started. */
  startScheduledCase(req: ScheduledStart & { runKey: string }): Promise<{ caseId: string }>;
}

const { startScheduledCase } = proxyActivities<ScheduleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 20, initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ScheduledStartRefused'] },
});

export async function scheduledCaseStart(req: ScheduledStart): Promise<{ caseId: string }> {
  // The schedule names each run's workflow `<schedule id>-<scheduled time>`: one key per run.
  return startScheduledCase({ ...req, runKey: workflowInfo().workflowId });
}
