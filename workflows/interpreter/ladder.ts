/**
 * Deadline ladders in a running case: a node's ladder is resolved to times when the node starts
 * (offsets from rule set outcomes read then, so later rule changes apply to later nodes only),
 * then climbed beside the node's wait: each step sleeps until its time and calls the engine's
 * climbLadder activity. Only nodes that declare a ladder do any of this, so histories recorded
 * before ladders existed replay command for command.
 */
import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';
import type { ClimbLadderRequest, LadderPlanStep } from '../activities';
import { durationMs } from '../definition/duration';
import type { Ladder } from '../definition/ladder-schema';
import { LADDER_LIMITS } from '../definition/ladder-terms';

export interface LadderInputs {
  /** The workflow's logical time when the node started. */
  now: number;
  evaluate(source: string): Promise<unknown>;
  /** The parameters of the ladder's rule set outcome. */
  decide(rules: NonNullable<Ladder['rules']>): Promise<Record<string, unknown>>;
}

function timeOf(value: unknown, source: string): number {
  const t = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(t)) throw new Error(`the ladder's from expression '${source}' gave ${JSON.stringify(value)}, not a time`);
  return t;
}

/** The ladder's steps with their times, soonest first (steps of the same time in their declared order). */
export async function resolveLadder(ladder: Ladder, inputs: LadderInputs): Promise<LadderPlanStep[]> {
  const base = ladder.from === undefined ? inputs.now : timeOf(await inputs.evaluate(ladder.from), ladder.from);
  const scale = ladder.scale === undefined ? 1 : await inputs.evaluate(ladder.scale);
  if (typeof scale !== 'number' || !(scale > 0) || scale > 1000) throw new Error(`the ladder's scale '${ladder.scale}' gave ${JSON.stringify(scale)}, not a number above 0 and at most 1000`);
  const params = ladder.rules ? await inputs.decide(ladder.rules) : {};
  const steps = ladder.steps.map((step, i) => {
    const text = typeof step.after === 'string' ? step.after : params[step.after.param];
    if (typeof text !== 'string') {
      throw new Error(`ladder step ${i}: the rule set's outcome gave ${JSON.stringify(text)} for '${(step.after as { param: string }).param}', not an ISO duration`);
    }
    const offset = durationMs(text);
    if (offset > LADDER_LIMITS.maxOffsetMs) throw new Error(`ladder step ${i}: ${text} is longer than a ladder step may be (P366D)`);
    return { at: base + Math.round(offset * scale), actions: step.actions };
  });
  steps.sort((a, b) => a.at - b.at);
  return steps.map((s) => ({ at: new Date(s.at).toISOString(), actions: s.actions }));
}

/** When the ladder marks its task overdue, if it does: the task's due time when the node sets none. */
export function overdueAt(plan: LadderPlanStep[]): string | undefined {
  return plan.find((s) => s.actions.some((a) => a.do === 'markOverdue'))?.at;
}

/** One node's ladder being climbed. */
export class LadderRun {
  /** Steps wait for this: a task's steps must not act before its row exists. */
  private ready: boolean;

  constructor(
    readonly plan: LadderPlanStep[],
    private readonly request: Omit<ClimbLadderRequest, 'index' | 'step'>,
    private readonly climb: (req: ClimbLadderRequest) => Promise<void>,
    private readonly now: () => number,
  ) {
    this.ready = request.taskId === undefined;
  }

  /** The task is open: its steps may act on it. */
  opened(): void {
    this.ready = true;
  }

  /**
   * Runs `wait` with the ladder climbing beside it; the climbing stops when `wait` ends. A step that
   * fails for good ends the wait with its failure, as a failed step of the node itself would.
   */
  async beside<T>(wait: () => Promise<T>): Promise<T> {
    const waiting = new CancellationScope();
    const climbing = new CancellationScope();
    let failure: unknown;
    const climbed = climbing.run(() => this.climbAll()).catch((err: unknown) => {
      if (isCancellation(err)) return;
      failure = err;
      waiting.cancel();
    });
    try {
      return await waiting.run(wait);
    } catch (err) {
      throw failure ?? err;
    } finally {
      climbing.cancel();
      await climbed;
    }
  }

  private async climbAll(): Promise<void> {
    await condition(() => this.ready);
    for (const [index, step] of this.plan.entries()) {
      const ms = Date.parse(step.at) - this.now();
      if (ms > 0) await sleep(ms);
      await this.climb({ ...this.request, index, step });
    }
  }
}
