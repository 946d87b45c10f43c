/**
 * The checks of a node's deadline ladder beyond its schema (ladder-schema.ts): literal offsets
 * are ISO durations within a year and a day, a `{ param }` offset has a rule set to read it from,
 * and a node without a task (an event wait, a timer) only notifies someone it names. No zod here:
 * the workflow re-runs these checks (graph-checks.ts).
 */
import type { Problem } from '../../language/problem';
import { parseDuration } from './duration';
import type { Ladder } from './ladder-schema';
import { LADDER_LIMITS } from './ladder-terms';

const TASK_ONLY = new Set(['reassign', 'raisePriority', 'markOverdue']);

/** The problems of `ladder`, the ladder of node `nodeId` at `path` (e.g. `nodes/3/ladder`). */
export function ladderProblems(ladder: Ladder, onTask: boolean, path: string, nodeId: string): Problem[] {
  const problems: Problem[] = [];
  const report = (at: string, code: string, message: string) => problems.push({ path: `${path}/${at}`, code, message, nodeId });
  ladder.steps.forEach((step, i) => {
    const at = `steps/${i}`;
    if (typeof step.after === 'string') {
      const r = parseDuration(step.after);
      if ('error' in r) report(`${at}/after`, 'bad_duration', r.error);
      else if (r.ms > LADDER_LIMITS.maxOffsetMs) report(`${at}/after`, 'ladder_offset_too_large', `'${step.after}' is longer than a ladder step may be (P366D)`);
    } else if (!ladder.rules) {
      report(`${at}/after`, 'ladder_without_rules', `step ${i} reads '${step.after.param}' from a rule set outcome, but the ladder names no rule set (rules)`);
    }
    step.actions.forEach((action, j) => {
      if (onTask) return;
      if (TASK_ONLY.has(action.do)) report(`${at}/actions/${j}/do`, 'ladder_needs_task', `'${action.do}' acts on a task; this node has none (only notify and startSubprocess are allowed)`);
      else if (action.do === 'notify' && !action.to) report(`${at}/actions/${j}/to`, 'ladder_needs_recipient', 'without a task, notify must name a group, a user or a unit\'s duty (to)');
    });
  });
  return problems;
}
