/**
 * What a case has spent in its current workflow task: the nodes it passed and its
 * expression steps. A workflow task ends when every path waits on something durable
 * (an activity, a timer, an event, a task, a child); one that runs on past 5 s is
 * abandoned by Temporal and retried forever, and the whole worker stalls meanwhile.
 * Counting per task, not per path, keeps parallel branches from multiplying the budget.
 */
import { ExpressionBudget } from '../expression';
import { LimitError, type CaseLimits } from '../limits';

/** The case passed too many nodes without waiting. */
export class LoopWithoutWaitError extends LimitError {
  constructor(message: string) {
    super('loop_without_wait', message);
  }
}

/** Counts what the case spends in the current workflow task, and starts over in the next. */
export class TaskBudget {
  private task: number | undefined;
  private nodes = 0;
  private steps: ExpressionBudget;

  /** `currentTask` tells workflow tasks apart; the history length does, and replays identically. */
  constructor(
    private readonly limits: CaseLimits,
    private readonly currentTask: () => number,
  ) {
    this.steps = new ExpressionBudget(limits.expression);
  }

  /** Counts a node entry; throws once the task has passed more nodes than the limit. */
  enter(): void {
    this.renew();
    const limit = this.limits.stepsWithoutWait;
    if (++this.nodes > limit) {
      throw new LoopWithoutWaitError(`loop of ${limit} steps without a wait: the case passed ${limit} nodes with no activity, timer, event, task or subprocess waited on (the limit)`);
    }
  }

  /** The expression budget of the current workflow task. */
  get expression(): ExpressionBudget {
    this.renew();
    return this.steps;
  }

  private renew(): void {
    const task = this.currentTask();
    if (task === this.task) return;
    this.task = task;
    this.nodes = 0;
    this.steps = new ExpressionBudget(this.limits.expression);
  }
}
