/**
 * The contract between the interpreter and the worker's activities. Types only:
 * workflows never import activity code (the worker registers it).
 */
import type { ProcessDefinition } from './definition/schema';

/** Who is calling: stable across retries, so handlers can be idempotent. */
export interface ActivityMeta {
  caseId: string;
  processKey: string;
  version: number;
  nodeId: string;
  visit: number;
}

/** Every registered activity is called with this envelope. */
export interface ActivityRequest {
  input: Record<string, unknown>;
  meta: ActivityMeta;
}

export interface ActivityDefaults {
  timeout: string;
  retry: { maxAttempts: number; initialInterval: string; backoff: number; maximumInterval?: string };
}

/** The declared defaults of the activities a definition uses, resolved when the case starts. */
export type ActivityOptionsByName = Record<string, ActivityDefaults>;

export interface DecisionRequest {
  ruleset: string;
  version?: number;
  facts: Record<string, unknown>;
  meta: ActivityMeta;
}

export interface DecisionResult {
  outcome: string | null;
  events: { type: string; params?: Record<string, unknown> }[];
  params: Record<string, unknown>;
  rulesetVersion: number;
}

export interface OpenTaskRequest {
  taskId: string;
  title: { zh: string; en: string };
  form?: Record<string, unknown>;
  role?: string;
  group?: string;
  meta: ActivityMeta;
}

/** A published process version, as a case or a subprocess pins it. */
export interface ProcessSnapshot {
  definition: ProcessDefinition;
  version: number;
  hash: string;
  activityOptions: ActivityOptionsByName;
}

/** Activities the interpreter itself needs, beyond those a definition names. */
export interface EngineActivities {
  evaluateDecision(req: DecisionRequest): Promise<DecisionResult>;
  openTask(req: OpenTaskRequest): Promise<void>;
  cancelOpenTasks(req: { caseId: string }): Promise<void>;
  resolveProcess(req: { process: string; version?: number }): Promise<ProcessSnapshot>;
}
