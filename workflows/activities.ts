/**
 * The contract between the interpreter and the worker's activities. Types only:
 * workflows never import activity code (the worker registers it).
 */
import type { LadderAction } from './definition/ladder-schema';
import type { ProcessDefinition, TaskFormRef } from './definition/schema';
import type { CaseLimitsInput } from './limits';

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
  /** A dry run's sandbox answers the facts as evaluated and the trace too (the engine records them instead). */
  facts?: Record<string, unknown>;
  trace?: unknown;
}

export interface OpenTaskRequest {
  taskId: string;
  title: { zh: string; en: string };
  form?: Record<string, unknown>;
  /** A designed form: the engine resolves its version when the task opens (workflows/definition/schema.ts). */
  formRef?: TaskFormRef;
  role?: string;
  group?: string;
  /** When its deadline falls (ISO time), if the node has one. */
  dueAt?: string;
  /** Its deadline ladder, resolved to times (shown on the deadline board). */
  ladder?: LadderPlanStep[];
  meta: ActivityMeta;
}

/** One step of a ladder as resolved when its node started: when it fires (ISO time) and what it does. */
export interface LadderPlanStep {
  at: string;
  actions: LadderAction[];
}

/** A ladder step reached: `index` in the node's resolved ladder; `taskId` when the node is a task. */
export interface ClimbLadderRequest {
  index: number;
  step: LadderPlanStep;
  taskId?: string;
  meta: ActivityMeta;
}

/** An incident to record: the step of `meta` failed and waits for an operator. */
export interface OpenIncidentRequest {
  incidentId: string;
  error: string;
  errorType?: string;
  attempts: number;
  meta: ActivityMeta;
}

/** A published process version, as a case or a subprocess pins it. */
export interface ProcessSnapshot {
  definition: ProcessDefinition;
  version: number;
  hash: string;
  activityOptions: ActivityOptionsByName;
  /** The engine's configured budgets for the case (absent in snapshots recorded before they existed). */
  limits?: CaseLimitsInput;
}

/** Activities the interpreter itself needs, beyond those a definition names. */
export interface EngineActivities {
  evaluateDecision(req: DecisionRequest): Promise<DecisionResult>;
  openTask(req: OpenTaskRequest): Promise<void>;
  openIncident(req: OpenIncidentRequest): Promise<void>;
  /** Cancels the case's open tasks and closes its open incidents: the case has ended without them. */
  cancelOpenTasks(req: { caseId: string }): Promise<void>;
  resolveProcess(req: { process: string; version?: number }): Promise<ProcessSnapshot>;
  /**
   * Takes a ladder step's actions (on the task, when there is one, while it is open) and records the
   * step; answers `taken: false` when its task was no longer open (engine code from before
   * subprocess steps answered nothing).
   */
  climbLadder(req: ClimbLadderRequest): Promise<{ taken: boolean } | void>;
}
