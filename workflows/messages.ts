/**
 * Signals, queries and updates of the process interpreter, declared once and used
 * by both the workflow and its clients (the API).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ProcessDefinition } from './definition/schema';
import type { ActivityOptionsByName } from './activities';
import type { CaseLimitsInput } from './limits';

export type CaseStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** One pass of a case through a node. */
export interface NodeVisit {
  nodeId: string;
  type: string;
  visit: number;
  enteredAt: string;
  leftAt?: string;
  /** The edge taken, or what happened ("timeout", "error", an outcome). */
  edgeId?: string;
  outcome?: string;
}

/** Visits kept in a case's state (its `history`); older ones are counted, not kept, so a months-long case stays small. */
export const HISTORY_KEEP = 200;

export interface CaseState {
  status: CaseStatus;
  processKey: string;
  version: number;
  activeNodes: string[];
  variables: Record<string, unknown>;
  history: NodeVisit[];
  /** Visits dropped from `history` to keep it bounded (long-lived cases). */
  historyDropped: number;
  /** How many runs (continue-as-new) this case has been through. */
  run: number;
  outcome?: string;
  /** `code` is set when the case broke one of its limits (expression_budget, case_data_limit, loop_without_wait). */
  error?: { nodeId?: string; message: string; code?: string };
  /**
   * The node a migration may move the case from now: set while the case's root path waits there and
   * nothing else runs (no parallel branch, no step, no task deadline's escalation). The migration
   * dry run reads it, so it calls safe only what the workflow's own check would accept.
   */
  migratableAt?: string;
  /** Steps that failed and wait for an operator (absent in answers from workflow code before incidents). */
  incidents?: OpenIncident[];
  /** Timers running now, soonest first (absent in answers from workflow code before timers were reported). */
  timers?: PendingTimer[];
}

/**
 * A timer the case is waiting on: a timer node's wait, an event node's timeout, or a task's
 * deadline (after which its escalation path runs).
 */
export interface PendingTimer {
  nodeId: string;
  visit: number;
  kind: 'timer' | 'event_timeout' | 'task_deadline';
  /** When it fires, in the case's logical time (ISO). */
  dueAt: string;
}

/** A step that failed for good and waits, at its node, for an operator to resolve it. */
export interface OpenIncident {
  /** `<case>:<node>:<visit>:<n>`: the n-th incident of that visit (a retry may fail again). */
  incidentId: string;
  nodeId: string;
  error: string;
  /** The failure's type, e.g. HostNotAllowed, when the activity named one. */
  errorType?: string;
  /** How many attempts the step made before it gave up. */
  attempts: number;
  openedAt: string;
}

export type IncidentAction = 'retry' | 'skip' | 'fail';

/** An operator's answer to an incident: run the step again, go on as if it gave `output`, or fail the case. */
export interface IncidentResolution {
  incidentId: string;
  action: IncidentAction;
  /** For skip: the outcome (or id) of the edge to take; the node's only exit when absent. */
  outcome?: string;
  /** For skip: what the node's output variable gets. */
  output?: unknown;
  by: string;
  comment: string;
}

export interface EventMessage {
  name: string;
  payload?: unknown;
}

export interface TaskCompletion {
  taskId: string;
  data: Record<string, unknown>;
  by: string;
}

export interface MigrationRequest {
  definition: ProcessDefinition;
  version: number;
  hash: string;
  activityOptions: ActivityOptionsByName;
  /** The engine's limits now; the case keeps its own when absent. */
  limits?: CaseLimitsInput;
  /** Maps a node id of the running version to one of the new version; absent ids map to themselves. */
  nodeMapping?: Record<string, string>;
}

export interface MigrationResult {
  fromNode: string;
  toNode: string;
  toVersion: number;
}

export const stateQuery = defineQuery<CaseState>('state');
export const eventSignal = defineSignal<[EventMessage]>('event');
export const completeTaskUpdate = defineUpdate<{ taskId: string }, [TaskCompletion]>('completeTask');
export const resolveIncidentUpdate = defineUpdate<{ incidentId: string }, [IncidentResolution]>('resolveIncident');
export const migrateUpdate = defineUpdate<MigrationResult, [MigrationRequest]>('migrate');
