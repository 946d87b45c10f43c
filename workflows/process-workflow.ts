/**
 * The one workflow type, declared once for the worker, the API and the interpreter (which
 * starts subprocesses as children of the same type): its name, its input and its result.
 */
import type { ActivityOptionsByName } from './activities';
import type { ProcessDefinition } from './definition/schema';
import type { CarriedState } from './interpreter/case-state';
import type { CaseLimitsInput } from './limits';

/** The name the worker registers the interpreter under (workflows/index.ts exports it so). */
export const PROCESS_WORKFLOW_TYPE = 'runProcess';

export interface ProcessInput {
  definition: ProcessDefinition;
  version: number;
  hash: string;
  activityOptions: ActivityOptionsByName;
  input: Record<string, unknown>;
  /** The case's budgets, from the engine's configuration; absent in cases started before they existed (the defaults apply). */
  limits?: CaseLimitsInput;
  /** Set when this run continues an earlier one (continue-as-new or migration). */
  resume?: { nodeId: string; state: CarriedState };
}

export interface ProcessResult {
  outcome?: string;
  variables: Record<string, unknown>;
}

/** The interpreter's signature: start any published process version, get its outcome. */
export type ProcessWorkflow = (input: ProcessInput) => Promise<ProcessResult>;
