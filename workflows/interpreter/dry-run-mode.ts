/**
 * The interpreter in a dry run (../dry-run.ts): stubs in place of calls, waits that either get
 * their stub at once or jump their time, and a log of what each step did. Only a dry run makes
 * one, so a case's commands are the same with or without this file.
 */
import { sleep } from '@temporalio/workflow';
import { workflowNow } from '../clock';
import type { DryRunInput, DryRunStep } from '../dry-run';

/** A dry run reached a wait that no stub and no timeout would end: it stops there. */
export class DryRunHalt extends Error {
  constructor(readonly nodeId: string) {
    super(`waits at '${nodeId}': give it a stub to move on`);
  }
}

/** A step a dry run cannot take without a stub (an activity, a subprocess): it never calls a real one. */
export class DryRunNoStub extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Distributes Omit over the union of steps. */
type StepBody = DryRunStep extends infer S ? (S extends DryRunStep ? Omit<S, 'nodeId' | 'visit' | 'at'> : never) : never;

export class DryRunMode {
  readonly steps: DryRunStep[] = [];
  /** Virtual now minus the workflow's clock. */
  private offset: number;
  private readonly startAt: number;

  constructor(private readonly input: Pick<DryRunInput, 'stubs' | 'timeScale' | 'startAt'>) {
    this.startAt = input.startAt;
    this.offset = input.startAt - workflowNow();
  }

  now(): number {
    return workflowNow() + this.offset;
  }

  elapsedMs(): number {
    return this.now() - this.startAt;
  }

  hasStub(nodeId: string): boolean {
    return Object.hasOwn(this.input.stubs, nodeId);
  }

  stub(nodeId: string): unknown {
    return this.input.stubs[nodeId] ?? null;
  }

  record(nodeId: string, visit: number, body: StepBody): void {
    this.steps.push({ nodeId, visit, at: new Date(this.now()).toISOString(), ...body } as DryRunStep);
  }

  /**
   * Lets `ms` of virtual time pass: a real timer of ms / timeScale (at least 1 ms), so waits in
   * parallel branches still end in the order of their durations; then the clock reads at least
   * the wait's due time. Answers the due time.
   */
  async jump(ms: number): Promise<number> {
    const due = this.now() + ms;
    await sleep(Math.max(1, Math.ceil(ms / this.input.timeScale)));
    this.offset = Math.max(this.offset, due - workflowNow());
    return due;
  }
}
