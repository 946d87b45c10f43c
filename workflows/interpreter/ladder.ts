/**
 * Deadline ladders in a running case: a node's ladder is resolved to times when the node starts
 * (offsets from rule set outcomes read then, so later rule changes apply to later nodes only),
 * then climbed beside the node's wait: each step sleeps until its time and calls the engine's
 * climbLadder activity. Only nodes that declare a ladder do any of this, so histories recorded
 * before ladders existed replay command for command. A ladder that reads a rule set may be
 * re-planned while it climbs (the replanLadders update, ladder-replan.ts): its steps not yet
 * taken are re-timed from the rule set's outcome now, from the same start and scale.
 */
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
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

/** A ladder resolved when its node started: the steps with their times, and what they were counted from. */
export interface ResolvedLadder {
  plan: LadderPlanStep[];
  /** The declared index of each step of `plan`. */
  order: number[];
  base: number;
  scale: number;
}

/** The steps' times from `base`, scaled, soonest first (steps of the same time in their declared order). */
function timed(ladder: Ladder, base: number, scale: number, params: Record<string, unknown>): { step: number; at: number }[] {
  const steps = ladder.steps.map((step, i) => {
    const text = typeof step.after === 'string' ? step.after : params[step.after.param];
    if (typeof text !== 'string') {
      throw new Error(`ladder step ${i}: the rule set's outcome gave ${JSON.stringify(text)} for '${(step.after as { param: string }).param}', not an ISO duration`);
    }
    const offset = durationMs(text);
    if (offset > LADDER_LIMITS.maxOffsetMs) throw new Error(`ladder step ${i}: ${text} is longer than a ladder step may be (P366D)`);
    return { step: i, at: base + Math.round(offset * scale) };
  });
  return steps.sort((a, b) => a.at - b.at);
}

const planStep = (ladder: Ladder, t: { step: number; at: number }): LadderPlanStep => ({ at: new Date(t.at).toISOString(), actions: ladder.steps[t.step].actions });

/** Resolves the ladder when its node starts. */
export async function planLadder(ladder: Ladder, inputs: LadderInputs): Promise<ResolvedLadder> {
  const base = ladder.from === undefined ? inputs.now : timeOf(await inputs.evaluate(ladder.from), ladder.from);
  const scale = ladder.scale === undefined ? 1 : await inputs.evaluate(ladder.scale);
  if (typeof scale !== 'number' || !(scale > 0) || scale > 1000) throw new Error(`the ladder's scale '${ladder.scale}' gave ${JSON.stringify(scale)}, not a number above 0 and at most 1000`);
  const params = ladder.rules ? await inputs.decide(ladder.rules) : {};
  const steps = timed(ladder, base, scale, params);
  return { plan: steps.map((t) => planStep(ladder, t)), order: steps.map((t) => t.step), base, scale };
}

/** The ladder's steps with their times, soonest first (steps of the same time in their declared order). */
export async function resolveLadder(ladder: Ladder, inputs: LadderInputs): Promise<LadderPlanStep[]> {
  return (await planLadder(ladder, inputs)).plan;
}

/**
 * A ladder re-planned: the first `taken` steps of `resolved` stay as they are; the others get their
 * times from `params`, soonest first after them (a time already past is climbed at once).
 */
export function replanned(ladder: Ladder, resolved: ResolvedLadder, taken: number, params: Record<string, unknown>): ResolvedLadder {
  const kept = resolved.order.slice(0, taken);
  const fresh = timed(ladder, resolved.base, resolved.scale, params).filter((t) => !kept.includes(t.step));
  return { ...resolved, plan: [...resolved.plan.slice(0, taken), ...fresh.map((t) => planStep(ladder, t))], order: [...kept, ...fresh.map((t) => t.step)] };
}

/** When the ladder marks its task overdue, if it does: the task's due time when the node sets none. */
export function overdueAt(plan: LadderPlanStep[]): string | undefined {
  return plan.find((s) => s.actions.some((a) => a.do === 'markOverdue'))?.at;
}

/** What re-planning a ladder needs: its declaration, the rule set's outcome now, and where to record the new plan. */
export interface LadderReplanning {
  ladder: Ladder;
  decide(): Promise<Record<string, unknown>>;
  record(plan: LadderPlanStep[], taken: number, by: string): Promise<void>;
}

/** One node's ladder being climbed. */
export class LadderRun {
  /** Steps wait for this: a task's steps must not act before its row exists. */
  private ready: boolean;
  /** The steps climbed so far (the one being climbed counts as climbed). */
  private climbed = 0;
  /** Moves on with each re-planning, so a step's wait looks at its time again. */
  private revision = 0;
  private replanning = false;

  constructor(
    private resolved: ResolvedLadder,
    private readonly request: Omit<ClimbLadderRequest, 'index' | 'step'>,
    private readonly climb: (req: ClimbLadderRequest) => Promise<void>,
    private readonly now: () => number,
    private readonly replans?: LadderReplanning,
  ) {
    this.ready = request.taskId === undefined;
  }

  get plan(): LadderPlanStep[] {
    return this.resolved.plan;
  }

  /** Whether this ladder's offsets come from the rule set `key`. */
  reads(key: string): boolean {
    return this.replans?.ladder.rules?.ruleset === key;
  }

  /** The task is open: its steps may act on it. */
  opened(): void {
    this.ready = true;
  }

  /**
   * Re-times the steps not yet climbed from the rule set's outcome now (the same start and scale);
   * answers the new plan and how many steps it kept as they were. Steps wait while it runs.
   */
  async replan(by: string): Promise<{ plan: LadderPlanStep[]; taken: number }> {
    const replans = this.replans!;
    await condition(() => !this.replanning);
    this.replanning = true;
    try {
      const params = await replans.decide();
      const next = replanned(replans.ladder, this.resolved, this.climbed, params);
      await replans.record(next.plan, this.climbed, by);
      this.resolved = next;
      this.revision++;
      return { plan: next.plan, taken: this.climbed };
    } finally {
      this.replanning = false;
    }
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
    while (this.climbed < this.plan.length) {
      const seen = this.revision;
      const ms = Date.parse(this.plan[this.climbed].at) - this.now();
      // A timer as before (sleep's commands); a re-planning ends the wait early, to look at the new time.
      if (ms > 0 && (await condition(() => this.revision !== seen, ms))) continue;
      if (this.replanning) {
        await condition(() => !this.replanning);
        continue;
      }
      const index = this.climbed++;
      await this.climb({ ...this.request, index, step: this.plan[index] });
    }
  }
}
