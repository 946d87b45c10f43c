/**
 * A deadline ladder: steps a waiting node (task, event wait, timer) climbs while it waits, each at
 * an offset from the node's start or from a case time, each doing actions from a small declared
 * set (notify, reassign, raise priority, mark overdue, start a subprocess). Offsets may name a parameter of a rule set's outcome, resolved when the node starts, so an
 * administrator changes the hours in the rule set and tasks created afterwards follow.
 * No Node-only imports: this module is part of the process schema (browser and API).
 */
import { z } from 'zod';
import { resourceKey, variableName } from '../../language/identifiers';
import { localizedText } from '../../language/localized-text';
import { LADDER_LIMITS } from './ladder-terms';

const groupName = z.string().min(1).max(100);

export const ladderAction = z.discriminatedUnion('do', [
  /**
   * A notice through the outbox: to a group or a person, or (absent) to the task's holder, else its
   * group; `{ duty: group }` goes to whoever the case's org unit has on duty when the step is taken
   * (its duty roster), and to that group's members when nobody is.
   */
  z
    .object({
      do: z.literal('notify'),
      to: z.union([z.object({ group: groupName }).strict(), z.object({ user: z.string().min(1).max(100) }).strict(), z.object({ duty: groupName }).strict()]).optional(),
    })
    .strict(),
  /** The task goes back to a pool: the group's (whoever held it lets go). */
  z.object({ do: z.literal('reassign'), group: groupName }).strict(),
  /** The task's priority becomes at least this (0 normal … 9). */
  z.object({ do: z.literal('raisePriority'), to: z.number().int().min(1).max(9) }).strict(),
  z.object({ do: z.literal('markOverdue') }).strict(),
  /**
   * Another process started as a linked case of this one (a child that outlives the step and the
   * case), its input mapped from the case's variables as the step is taken (a JSONata expression
   * per input variable); at most once per step and visit, however often the step is retried.
   */
  z
    .object({
      do: z.literal('startSubprocess'),
      process: resourceKey,
      version: z.number().int().positive().optional(),
      input: z.record(variableName, z.string().min(1).max(4000)).optional(),
    })
    .strict(),
]);
export type LadderAction = z.infer<typeof ladderAction>;

/** A literal ISO duration (PT3H), or a parameter of the ladder's rule set outcome that holds one. */
export const ladderOffset = z.union([z.string().min(1).max(40), z.object({ param: z.string().min(1).max(100) }).strict()]);
export type LadderOffset = z.infer<typeof ladderOffset>;

export const ladderStep = z
  .object({
    after: ladderOffset,
    actions: z.array(ladderAction).min(1).max(LADDER_LIMITS.actionsPerStep),
    label: localizedText.partial().optional(),
  })
  .strict();

export const ladder = z
  .object({
    /** A case time (epoch milliseconds or an ISO time) the offsets count from; absent: the node's start. */
    from: z.string().min(1).max(4000).optional(),
    /** Multiplies every offset (a drill's or a test's time scale); absent: 1. */
    scale: z.string().min(1).max(4000).optional(),
    /** The rule set whose outcome's parameters `{ param }` offsets read; facts as a decision's (absent: all variables). */
    rules: z.object({ ruleset: resourceKey, facts: z.record(variableName, z.string().min(1).max(4000)).optional() }).strict().optional(),
    steps: z.array(ladderStep).min(1).max(LADDER_LIMITS.steps),
  })
  .strict();
export type Ladder = z.infer<typeof ladder>;
