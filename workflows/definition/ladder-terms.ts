/**
 * The terms of a deadline ladder that code outside the schema needs: its limits and its actions.
 * No zod here: the workflow (ladder checks, resolution) and the editor's form import these, and
 * zod stays out of the workflow bundle (ladder-schema.ts holds the schema).
 */
export const LADDER_LIMITS = {
  steps: 20,
  actionsPerStep: 5,
  /** A year and a day: an offset beyond that is a typing error, not a deadline. */
  maxOffsetMs: 366 * 24 * 3_600_000,
} as const;

/** The actions a step may take. Only `notify` and `startSubprocess` make sense without a task (an event wait or a timer). */
export const LADDER_ACTIONS = ['notify', 'reassign', 'raisePriority', 'markOverdue', 'startSubprocess'] as const;
export type LadderActionKind = (typeof LADDER_ACTIONS)[number];
