/**
 * A dry run: a process definition (a draft, never published) run by the same interpreter on a
 * sandbox task queue, with chosen steps stubbed (a fixed output per node, like pinned data) and
 * fake time (each timer, timeout and deadline jumps: it sleeps a scaled-down real time, and the
 * workflow's clock as the process reads it moves on by the whole duration). The sandbox worker
 * registers no real activity, no case projection and engine calls that write nothing
 * (engine/worker/dry-run-activities.ts). Types only, shared by the API and the workflow.
 */
import type { ActivityOptionsByName } from './activities';
import type { ProcessDefinition } from './definition/schema';
import type { CaseLimitsInput } from './limits';
import type { NodeVisit } from './messages';

/** The workflow type a dry run is started as: not the case workflow's, so nothing that lists cases sees it. */
export const DRY_RUN_WORKFLOW_TYPE = 'dryRunProcess';

/** The task queue of the sandbox worker, beside the engine's own. */
export function dryRunTaskQueue(taskQueue: string): string {
  return `${taskQueue}-dry-run`;
}

export interface DryRunInput {
  definition: ProcessDefinition;
  /** The version number the run reports itself as (0 for a draft). */
  version: number;
  activityOptions: ActivityOptionsByName;
  input: Record<string, unknown>;
  limits?: CaseLimitsInput;
  /** Node id → its stub (definition/process-tests.ts STUBBABLE says which nodes take one). */
  stubs: Record<string, unknown>;
  /** Fake time: virtual milliseconds per real millisecond a timer sleeps (at least 1 ms each). */
  timeScale: number;
  /** The virtual clock's start (epoch ms): the run's `$now()` begins there. */
  startAt: number;
}

/** What happened at one step, beyond the edge it took. */
export type DryRunStep = { nodeId: string; visit: number; at: string } & (
  | { kind: 'activity'; activity: string; input: Record<string, unknown>; output: unknown }
  | { kind: 'decision'; ruleset: string; rulesetVersion: number; facts: Record<string, unknown>; outcome: string | null; events: { type: string; params?: Record<string, unknown> }[]; trace: unknown }
  | { kind: 'event'; event: string; payload: unknown }
  | { kind: 'task'; data: Record<string, unknown> }
  | { kind: 'subprocess'; process: string; outcome: string | null }
  | { kind: 'timer'; jumpedMs: number; dueAt: string }
  | { kind: 'timeout'; jumpedMs: number; dueAt: string }
  | { kind: 'ladder'; skipped: true }
);

export interface DryRunResult {
  /** completed: an end was reached; failed: a step failed with no error edge; waiting: nothing stubbed would move it on. */
  status: 'completed' | 'failed' | 'waiting';
  outcome?: string;
  /** The end node reached, the node that failed, or the node it waits at. */
  nodeId?: string;
  error?: string;
  /** Why a failed run failed, for a client to word: a step that takes a stub had none, or a step failed (`error` says how). */
  failure?: 'no_stub' | 'step_failed';
  /** Every node entered, in order, with the edge it left by. */
  path: NodeVisit[];
  steps: DryRunStep[];
  variables: Record<string, unknown>;
  /** Virtual time that passed (timers, timeouts and deadlines jumped). */
  elapsedMs: number;
}

export type DryRunWorkflow = (input: DryRunInput) => Promise<DryRunResult>;
