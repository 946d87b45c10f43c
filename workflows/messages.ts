/**
 * Signals, queries and updates of the process interpreter, declared once and used
 * by both the workflow and its clients (the API).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ProcessDefinition } from './definition/schema';
import type { ActivityOptionsByName } from './activities';

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
  error?: { nodeId?: string; message: string };
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
export const migrateUpdate = defineUpdate<MigrationResult, [MigrationRequest]>('migrate');
