/**
 * Re-planning open ladders: an administrator who changed a rule set's hours asks the cases whose
 * open ladders read it to re-time the steps they have not taken yet (the replanLadders update,
 * answered by workflows/interpreter/ladder.ts's LadderRun.replan). Steps already taken stay taken;
 * a step whose new time is past is taken at once. Declared once for the workflow and the API.
 */
import { defineUpdate, proxyLocalActivities } from '@temporalio/workflow';
import type { ActivityMeta, LadderPlanStep } from './activities';

export interface ReplanLaddersRequest {
  /** The rule set whose outcome the ladders read. */
  ruleset: string;
  /** Who asked (recorded in the case log). */
  by: string;
}

/** One ladder re-planned: its node's visit, its task if it has one, the new plan and how many steps it kept as taken. */
export interface ReplannedLadder {
  nodeId: string;
  visit: number;
  taskId?: string;
  taken: number;
  plan: LadderPlanStep[];
}

export const replanLaddersUpdate = defineUpdate<{ ladders: ReplannedLadder[] }, [ReplanLaddersRequest]>('replanLadders');

/** What the engine records of a re-planned ladder: the task row's ladder and due time, and a case log line. */
export interface RecordReplanRequest {
  meta: ActivityMeta;
  taskId?: string;
  ruleset: string;
  by: string;
  plan: LadderPlanStep[];
  taken: number;
  /** The task's new due time, when its ladder sets it (the node declares no deadline of its own). */
  dueAt?: string;
}

export interface LadderReplanActivities {
  recordLadderReplan(req: RecordReplanRequest): Promise<void>;
}

/** Records a re-planned ladder (a local activity, as the engine's other short calls are; in workflow code only). */
export function recordReplan(req: RecordReplanRequest): Promise<void> {
  const calls = proxyLocalActivities<LadderReplanActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10, initialInterval: '500 milliseconds' } });
  return calls.recordLadderReplan(req);
}

export const NO_LADDER_READS = 'no open deadline ladder of this case reads rule set';
