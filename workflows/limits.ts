/**
 * The budgets that keep one case from stalling the worker: what its expressions may
 * spend, how large its data may grow, how far a path may run without waiting. They
 * travel in the case's start input, so a replay applies the limits the case ran
 * with; a case started before they existed runs with these defaults.
 */

/** The kinds of budget a case can break, declared once: a case's error carries one as its code, which a UI words. */
export const limitErrorCodes = ['expression_budget', 'case_data_limit', 'loop_without_wait'] as const;

/** A case broke one of its budgets; `code` says which kind, the message names the limit. */
export class LimitError extends Error {
  constructor(
    readonly code: (typeof limitErrorCodes)[number],
    message: string,
  ) {
    super(message);
  }
}

/** What the JSONata evaluations of one workflow task may spend (one evaluation, outside a workflow). */
export interface ExpressionLimits {
  /** Nested function calls (a call not in tail position nests; a tail call does not). */
  depth: number;
  /** Evaluation steps; large values cost steps too (one per 100 items or 1,000 characters). */
  steps: number;
  /** Elements of an array, or keys of an object, one evaluation step may produce. */
  items: number;
  /** Characters of a string one evaluation step may produce. */
  chars: number;
}

/** Every budget of a case. */
export interface CaseLimits {
  expression: ExpressionLimits;
  /** UTF-8 bytes of one variable as JSON. */
  variableBytes: number;
  /** UTF-8 bytes of all variables together as JSON; also the most a node may send out (an activity's input). */
  stateBytes: number;
  /** Nodes the case may pass in one workflow task, that is without waiting on an activity, timer, event, task or child. */
  stepsWithoutWait: number;
}

/**
 * Temporal abandons a workflow task after 5 s (and retries it forever; killed in the
 * middle of a promise hook, it can abort the worker's process). In the workflow sandbox
 * Temporal captures a stack trace for every promise, so one JSONata step costs about
 * 0.25 ms there: 5,000 steps took 1.2 s on a 2-core machine under load, 10,000 took
 * 2.2-2.7 s. Recursion does not overflow the stack (JSONata's frames are async: plain
 * Node 20 ran 100,000 nested calls, at ~5.5 KB each); what breaks first is that time:
 * in the sandbox 1,000 nested calls took 2.5 s, 1,500 took 3.8 s, 2,000 outlasted 5 s.
 * A depth of 200 is a tenth of that.
 */
export const DEFAULT_CASE_LIMITS: CaseLimits = {
  expression: { depth: 200, steps: 5000, items: 100_000, chars: 1_000_000 },
  variableBytes: 256 * 1024,
  stateBytes: 1024 * 1024,
  stepsWithoutWait: 1000,
};

/** The limits as given in a start input, with a default for each one left out. */
export type CaseLimitsInput = Partial<Omit<CaseLimits, 'expression'>> & { expression?: Partial<ExpressionLimits> };

/** Fills what `given` leaves out with the defaults. */
export function resolveLimits(given: CaseLimitsInput | undefined): CaseLimits {
  return {
    ...DEFAULT_CASE_LIMITS,
    ...given,
    expression: { ...DEFAULT_CASE_LIMITS.expression, ...given?.expression },
  };
}
