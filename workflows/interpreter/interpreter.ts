/**
 * Walks a process graph: one path per token, forks as structured concurrency (a
 * failed branch cancels its siblings), waits that a migration may interrupt.
 * Every error becomes a NodeFailure naming the node, or follows its error edge; a call that
 * fails for good with no error edge waits for an operator as an incident (incidents.ts).
 */
import {
  CancellationScope,
  condition,
  executeChild,
  isCancellation,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { evaluateCondition } from '../../language/condition';
import type { ActivityMeta, ActivityOptionsByName, ActivityRequest, EngineActivities } from '../activities';
import { workflowNow, workflowRandom } from '../clock';
import { durationMs, looksLikeDuration } from '../definition/duration';
import { buildGraph, edgeOn, matchingJoin, normalEdges, type Graph } from '../definition/graph';
import type { NodeOf, ProcessDefinition, ProcessEdge, ProcessNode } from '../definition/schema';
import { evaluateExpression, evaluateMapping, type ExpressionClock } from '../expression';
import { LimitError } from '../limits';
import type { MigrationRequest, NodeVisit } from '../messages';
import { PROCESS_WORKFLOW_TYPE, type ProcessWorkflow } from '../process-workflow';
import type { CaseRuntime } from './case-state';
import { DryRunHalt, DryRunNoStub, type DryRunMode } from './dry-run-mode';
import { ENGINE_CALL_ATTEMPTS, engineCalls } from './engine-calls';
import { outputVariable, skipEdge } from './incident-exits';
import { awaitResolution, opensIncident } from './incidents';
import { LadderRun, overdueAt, planLadder } from './ladder';
import { startStepSubprocesses } from './ladder-subprocess';
import { recordReplan, type ReplanLaddersRequest, type ReplannedLadder } from '../ladder-replan';
import { TaskBudget } from './task-budget';

export type PathEnd = { kind: 'end'; nodeId: string; outcome?: string } | { kind: 'join'; joinId: string };

/** Leaves the current run at a node: to continue as new, or to move to another version. */
export class Suspend extends Error {
  constructor(
    readonly nodeId: string,
    readonly reason: 'continue' | 'migrate',
  ) {
    super(`suspend at ${nodeId} (${reason})`);
  }
}

/** A node failed and had no error edge: the case fails with this. */
export class NodeFailure extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
    /** Set when the node broke one of the case's limits, or (dry runs only) had no stub. */
    readonly code?: LimitError['code'] | 'no_stub',
  ) {
    super(message);
  }

  /** The failure of node `nodeId` that `err` caused. */
  static of(nodeId: string, err: unknown): NodeFailure {
    return new NodeFailure(nodeId, describeError(err), err instanceof LimitError ? err.code : err instanceof DryRunNoStub ? 'no_stub' : undefined);
  }
}

interface Step {
  edge: ProcessEdge;
  outcome?: string;
}

const DEFAULT_HISTORY_LIMIT = 1500;
const DEFAULT_ACTIVITY_TIMEOUT_MS = 60_000;

export function describeError(err: unknown): string {
  let e: unknown = err;
  // Activity and child failures wrap the real cause; users need the innermost message.
  while (e && typeof e === 'object' && 'cause' in e && (e as { cause?: unknown }).cause) e = (e as { cause: unknown }).cause;
  return e instanceof Error ? e.message : String(e);
}

export class Interpreter {
  readonly graph: Graph;
  private readonly joins = new Map<string, string | undefined>();
  private readonly proxies = new Map<string, Record<string, (req: ActivityRequest) => Promise<unknown>>>();
  private readonly engineNow: () => EngineActivities;
  /** The node the root path waits in, when it waits; a migration may only happen then. */
  rootWaitingAt: string | undefined;
  migration: (MigrationRequest & { toNode: string }) | undefined;
  private readonly budget: TaskBudget;
  /** The ladders being climbed, by the id of the task they act on. */
  private readonly taskLadders = new Map<string, LadderRun>();
  /** Every ladder being climbed, with its node's visit (what re-planning looks through). */
  private readonly ladders = new Set<{ run: LadderRun; nodeId: string; visit: number; taskId?: string }>();

  constructor(
    readonly definition: ProcessDefinition,
    private readonly activityOptions: ActivityOptionsByName,
    readonly runtime: CaseRuntime,
    /** Set in a dry run only (dry-run-mode.ts): stubs, jumping time, a log of the steps. */
    private readonly dryRun?: DryRunMode,
  ) {
    this.graph = buildGraph(definition);
    this.budget = new TaskBudget(runtime.limits, () => workflowInfo().historyLength);
    for (const n of definition.nodes) if (n.type === 'parallel') this.joins.set(n.id, matchingJoin(this.graph, n.id) ?? undefined);
    this.engineNow = engineCalls();
  }

  /** Asked at each call: whether it runs locally is recorded at the call (engine-calls.ts). */
  private get engine(): EngineActivities {
    return this.engineNow();
  }

  /** The workflow's clock, or a dry run's virtual one. */
  private now(): number {
    return this.dryRun ? this.dryRun.now() : workflowNow();
  }

  private get clock(): ExpressionClock {
    return { now: this.now(), random: workflowRandom };
  }

  private meta(nodeId: string, visit: number): ActivityMeta {
    return { caseId: workflowInfo().workflowId, processKey: this.runtime.processKey, version: this.runtime.version, nodeId, visit };
  }

  private shouldContinueAsNew(): boolean {
    // A dry run is short and its log lives in this run; the case budgets bound it.
    if (this.runtime.active.length > 0 || this.dryRun) return false;
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= (this.definition.settings?.historyLimit ?? DEFAULT_HISTORY_LIMIT);
  }

  /** Runs from `startId` until an end (or, inside a fork, until a join). */
  async runPath(startId: string, root: boolean): Promise<PathEnd> {
    let id = startId;
    for (;;) {
      const node = this.graph.nodes.get(id);
      if (!node) throw new NodeFailure(id, `node '${id}' is not in version ${this.runtime.version}`);
      if (node.type === 'join') return { kind: 'join', joinId: id };
      if (root && this.shouldContinueAsNew()) throw new Suspend(id, 'continue');
      try {
        this.budget.enter();
      } catch (err) {
        throw NodeFailure.of(id, err);
      }
      const rec = this.runtime.enter(id, node.type);
      if (node.type === 'end') {
        this.runtime.leave(rec, { outcome: node.outcome });
        return { kind: 'end', nodeId: id, outcome: node.outcome };
      }
      if (node.type === 'parallel') {
        this.runtime.leave(rec, { outcome: 'fork' });
        const end = await this.runParallel(node);
        if (end.kind === 'end') return end;
        id = this.pass(end.joinId);
        continue;
      }
      let step: Step;
      try {
        step = await this.execOrIncident(node, rec, root);
      } catch (err) {
        if (err instanceof Suspend) {
          this.runtime.leave(rec, { outcome: err.reason === 'migrate' ? 'migrated' : 'continued' });
          throw err;
        }
        if (err instanceof DryRunHalt) {
          this.runtime.leave(rec, { outcome: 'waiting' });
          throw err;
        }
        this.runtime.leave(rec, { outcome: isCancellation(err) ? 'cancelled' : 'error' });
        if (err instanceof NodeFailure || isCancellation(err)) throw err;
        const onError = edgeOn(this.graph, id, 'error');
        if (!onError) throw NodeFailure.of(id, err);
        try {
          this.runtime.write(id, { lastError: { nodeId: id, message: describeError(err) } });
        } catch (limit) {
          throw NodeFailure.of(id, limit);
        }
        rec.edgeId = onError.id;
        id = onError.to;
        continue;
      }
      this.runtime.leave(rec, { edgeId: step.edge.id, outcome: step.outcome });
      id = step.edge.to;
    }
  }

  /**
   * Runs a node; when its call fails for good and no error edge leads on, the case waits at the
   * node with an incident until an operator retries the step, skips it, or fails the case.
   */
  private async execOrIncident(node: ProcessNode, rec: NodeVisit, root: boolean): Promise<Step> {
    for (let round = 1; ; round++) {
      try {
        return await this.withLadder(node, rec, () => this.execNode(node, rec, root));
      } catch (err) {
        // A dry run has no operator to wait for: the failure is its answer.
        if (this.dryRun || !opensIncident(node, err, edgeOn(this.graph, node.id, 'error') !== undefined)) throw err;
        const failure = { err, message: describeError(err), maxAttempts: this.maxAttempts(node), round };
        const r = await awaitResolution(this.runtime, this.engine, this.meta(node.id, rec.visit), failure);
        if (r.action === 'retry') continue;
        if (r.action === 'fail') throw new NodeFailure(node.id, `${failure.message} (failed by ${r.by}: ${r.comment})`);
        const variable = outputVariable(node);
        if (variable && r.output !== undefined) this.runtime.write(node.id, { [variable]: r.output });
        const edge = skipEdge(this.graph, node.id, r.outcome);
        return { edge, outcome: edge.outcome ?? 'skipped' };
      }
    }
  }

  /** The attempts a node's call is allowed: its activity's retry policy, or the engine calls' for a decision. */
  private maxAttempts(node: ProcessNode): number {
    return node.type === 'activity' ? this.retryOf(node).maxAttempts : ENGINE_CALL_ATTEMPTS;
  }

  /** The declared retry policy of a node's activity, overridden by the node's own. */
  private retryOf(node: NodeOf<'activity'>) {
    const retry = { ...this.activityOptions[node.activity]?.retry, ...node.retry };
    return { ...retry, maxAttempts: retry.maxAttempts ?? 5 };
  }

  /** Records a pass through a join and returns the node after it. */
  private pass(joinId: string): string {
    const rec = this.runtime.enter(joinId, 'join');
    const edge = normalEdges(this.graph, joinId)[0];
    this.runtime.leave(rec, { edgeId: edge.id });
    return edge.to;
  }

  private async runParallel(node: NodeOf<'parallel'>): Promise<PathEnd> {
    const joinId = this.joins.get(node.id);
    const join = joinId ? (this.graph.nodes.get(joinId) as NodeOf<'join'>) : undefined;
    const mode = join?.mode ?? 'all';
    const scope = new CancellationScope();
    let failure: unknown;
    let decided = false;
    let lastEnd: PathEnd | undefined;
    await new Promise<void>((resolve, reject) => {
      const branches = normalEdges(this.graph, node.id);
      let pending = branches.length;
      const settle = () => {
        if (--pending === 0) {
          if (failure !== undefined) reject(failure);
          else resolve();
        }
      };
      for (const edge of branches) {
        scope.run(() => this.runPath(edge.to, false)).then(
          (end) => {
            lastEnd = end;
            if (mode === 'any' && end.kind === 'join' && !decided) {
              decided = true;
              scope.cancel();
            }
            settle();
          },
          (err) => {
            // Siblings cancelled after a failure or an `any` win are expected; keep the first real failure.
            if (failure === undefined && !(decided && isCancellation(err))) {
              failure = err;
              scope.cancel();
            }
            settle();
          },
        );
      }
    });
    if (joinId) return { kind: 'join', joinId };
    return lastEnd ?? { kind: 'end', nodeId: node.id };
  }

  private single(nodeId: string): ProcessEdge {
    return normalEdges(this.graph, nodeId)[0];
  }

  /** Waits for `ready`, a timeout, or (on the root path) a migration request. False on timeout. */
  private async waitFor(nodeId: string, root: boolean, ready: () => boolean, timeoutMs?: number): Promise<boolean> {
    if (root) this.rootWaitingAt = nodeId;
    try {
      const migrating = () => root && this.migration !== undefined;
      const ok = timeoutMs === undefined ? (await condition(() => ready() || migrating()), true) : await condition(() => ready() || migrating(), timeoutMs);
      if (migrating()) throw new Suspend(nodeId, 'migrate');
      return ok;
    } finally {
      if (root) this.rootWaitingAt = undefined;
    }
  }

  /** A literal ISO duration, or an expression giving one (or milliseconds). */
  private async durationOf(text: string): Promise<number> {
    if (looksLikeDuration(text)) return durationMs(text);
    const v = await evaluateExpression(text, this.runtime.variables, this.clock, this.budget.expression);
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    if (typeof v === 'string') return durationMs(v);
    throw new Error(`the duration expression '${text}' gave ${JSON.stringify(v)}, not a duration`);
  }

  /** One activity proxy per node: the declared defaults of its activity, overridden by the node's own. */
  private proxyFor(node: NodeOf<'activity'>): Record<string, (req: ActivityRequest) => Promise<unknown>> {
    let proxy = this.proxies.get(node.id);
    if (!proxy) {
      const retry = this.retryOf(node);
      const timeout = node.timeout ?? this.activityOptions[node.activity]?.timeout;
      proxy = proxyActivities<Record<string, (req: ActivityRequest) => Promise<unknown>>>({
        startToCloseTimeout: timeout ? durationMs(timeout) : DEFAULT_ACTIVITY_TIMEOUT_MS,
        retry: {
          maximumAttempts: retry.maxAttempts,
          initialInterval: durationMs(retry.initialInterval ?? 'PT1S'),
          backoffCoefficient: retry.backoff ?? 2,
          maximumInterval: retry.maximumInterval ? durationMs(retry.maximumInterval) : undefined,
        },
      });
      this.proxies.set(node.id, proxy);
    }
    return proxy;
  }

  /** Runs a waiting node with its ladder, if it declares one, climbing beside it (ladder.ts). */
  private async withLadder(node: ProcessNode, rec: NodeVisit, run: () => Promise<Step>): Promise<Step> {
    const ladder = node.type === 'task' || node.type === 'event' || node.type === 'timer' ? node.ladder : undefined;
    if (!ladder) return run();
    if (this.dryRun) {
      // Its steps notify and reassign through the engine: a dry run says it left them out.
      this.dryRun.record(node.id, rec.visit, { kind: 'ladder', skipped: true });
      return run();
    }
    const meta = this.meta(node.id, rec.visit);
    const vars = this.runtime.variables;
    // The facts the rule set decided on when the node started: a re-planning asks it again on them.
    let facts: Record<string, unknown> = {};
    const resolved = await planLadder(ladder, {
      now: workflowNow(),
      evaluate: (source) => evaluateExpression(source, vars, this.clock, this.budget.expression),
      decide: async (rules) => {
        facts = rules.facts ? await evaluateMapping(rules.facts, vars, this.clock, this.budget.expression) : { ...vars };
        return (await this.engine.evaluateDecision({ ruleset: rules.ruleset, facts, meta })).params;
      },
    });
    const taskId = node.type === 'task' ? taskIdOf(meta) : undefined;
    const rules = ladder.rules;
    const climber = new LadderRun(
      resolved,
      { taskId, meta },
      async (req) => {
        const answer = await this.engine.climbLadder(req);
        // A step its task's completion beat is not taken: it starts nothing either.
        if (answer && !answer.taken) return;
        await startStepSubprocesses(req.step, req.index, meta, {
          resolve: (action) => this.engine.resolveProcess({ process: action.process, version: action.version }),
          input: async (action) => {
            const input = await evaluateMapping(action.input, this.runtime.variables, this.clock, this.budget.expression);
            this.runtime.checkPayload(node.id, 'input', input);
            return input;
          },
        });
      },
      workflowNow,
      rules && {
        ladder,
        decide: async () => (await this.engine.evaluateDecision({ ruleset: rules.ruleset, facts, meta })).params,
        record: (plan, taken, by) =>
          recordReplan({
            meta, taskId, ruleset: rules.ruleset, by, plan, taken,
            // A task without a deadline of its own is due when its ladder marks it overdue.
            dueAt: node.type === 'task' && node.deadline === undefined ? overdueAt(plan) : undefined,
          }),
      },
    );
    const entry = { run: climber, nodeId: node.id, visit: rec.visit, taskId };
    if (taskId) this.taskLadders.set(taskId, climber);
    this.ladders.add(entry);
    try {
      return await climber.beside(run);
    } finally {
      if (taskId) this.taskLadders.delete(taskId);
      this.ladders.delete(entry);
    }
  }

  /** Whether a ladder being climbed reads the rule set `key` (the replanLadders update's check). */
  readsRuleset(key: string): boolean {
    return [...this.ladders].some((l) => l.run.reads(key));
  }

  /** Re-plans every ladder being climbed that reads the request's rule set (workflows/ladder-replan.ts). */
  async replanLadders(req: ReplanLaddersRequest): Promise<ReplannedLadder[]> {
    const done: ReplannedLadder[] = [];
    for (const l of [...this.ladders]) {
      if (!l.run.reads(req.ruleset)) continue;
      const { plan, taken } = await l.run.replan(req.by);
      done.push({ nodeId: l.nodeId, visit: l.visit, ...(l.taskId ? { taskId: l.taskId } : {}), taken, plan });
    }
    return done;
  }

  private async execNode(node: ProcessNode, rec: NodeVisit, root: boolean): Promise<Step> {
    const { runtime } = this;
    const vars = runtime.variables;
    switch (node.type) {
      case 'start':
        return { edge: this.single(node.id) };
      case 'activity': {
        const input = await evaluateMapping(node.input, vars, this.clock, this.budget.expression);
        runtime.checkPayload(node.id, 'input', input);
        if (this.dryRun) return this.dryActivity(node, rec, input);
        const result = await this.proxyFor(node)[node.activity]({ input, meta: this.meta(node.id, rec.visit) });
        if (node.output) runtime.write(node.id, { [node.output]: result ?? null });
        return { edge: this.single(node.id) };
      }
      case 'decision': {
        const facts = node.facts ? await evaluateMapping(node.facts, vars, this.clock, this.budget.expression) : { ...vars };
        // Without a mapping the facts are the variables, which their own limit already bounds.
        if (node.facts) runtime.checkPayload(node.id, 'facts', facts);
        const r = await this.engine.evaluateDecision({ ruleset: node.ruleset, version: node.version, facts, meta: this.meta(node.id, rec.visit) });
        runtime.write(node.id, { [node.output ?? 'decision']: { outcome: r.outcome, params: r.params, rulesetVersion: r.rulesetVersion } });
        this.dryRun?.record(node.id, rec.visit, { kind: 'decision', ruleset: node.ruleset, rulesetVersion: r.rulesetVersion, facts: r.facts ?? facts, outcome: r.outcome, events: r.events, trace: r.trace ?? null });
        const edges = normalEdges(this.graph, node.id);
        for (const ev of r.events) {
          const edge = edges.find((e) => !e.default && e.outcome === ev.type);
          if (edge) return { edge, outcome: ev.type };
        }
        return { edge: edges.find((e) => e.default)!, outcome: r.outcome ?? 'default' };
      }
      case 'gateway': {
        const edges = normalEdges(this.graph, node.id);
        const chosen = edges.find((e) => !e.default && e.condition && evaluateCondition(e.condition, vars));
        return chosen ? { edge: chosen } : { edge: edges.find((e) => e.default)!, outcome: 'default' };
      }
      case 'timer': {
        const ms = node.duration !== undefined ? await this.durationOf(node.duration) : await this.untilMs(node.until!);
        if (this.dryRun) {
          const due = await this.dryRun.jump(ms);
          this.dryRun.record(node.id, rec.visit, { kind: 'timer', jumpedMs: ms, dueAt: new Date(due).toISOString() });
          return { edge: this.single(node.id) };
        }
        const forget = runtime.timerStarted(rec, 'timer', workflowNow() + ms);
        try {
          await this.waitFor(node.id, root, () => false, ms);
        } finally {
          forget();
        }
        return { edge: this.single(node.id) };
      }
      case 'event':
        return this.execEvent(node, rec, root);
      case 'task':
        return this.execTask(node, rec, root);
      case 'subprocess': {
        if (this.dryRun) return this.drySubprocess(node, rec);
        const snap = await this.engine.resolveProcess({ process: node.process, version: node.version });
        const input = await evaluateMapping(node.input, vars, this.clock, this.budget.expression);
        runtime.checkPayload(node.id, 'input', input);
        const result = await executeChild<ProcessWorkflow>(PROCESS_WORKFLOW_TYPE, {
          // A snapshot recorded before cases carried limits has none: the child then runs with the defaults.
          args: [{ definition: snap.definition, version: snap.version, hash: snap.hash, activityOptions: snap.activityOptions, input, limits: snap.limits }],
          workflowId: `${workflowInfo().workflowId}.${node.id}.${rec.visit}`,
        });
        if (node.output) runtime.write(node.id, { [node.output]: { outcome: result.outcome ?? null, variables: result.variables } });
        return { edge: this.single(node.id), outcome: result.outcome };
      }
      case 'assign':
        // All entries read the variables as they were before the node: the stored JSON may reorder keys, so order must not matter.
        runtime.write(node.id, await evaluateMapping(node.assign, vars, this.clock, this.budget.expression));
        return { edge: this.single(node.id) };
      case 'end':
      case 'parallel':
      case 'join':
        throw new Error(`${node.type} nodes are handled by the path walker`);
      default: {
        const never: never = node;
        throw new Error(`unknown node type ${(never as ProcessNode).type}`);
      }
    }
  }

  private async untilMs(source: string): Promise<number> {
    const v = await evaluateExpression(source, this.runtime.variables, this.clock, this.budget.expression);
    const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isFinite(t)) throw new Error(`the until expression '${source}' gave ${JSON.stringify(v)}, not a time`);
    return Math.max(0, t - this.now());
  }

  private async execEvent(node: NodeOf<'event'>, rec: NodeVisit, root: boolean): Promise<Step> {
    const timeoutMs = node.timeout !== undefined ? await this.durationOf(node.timeout) : undefined;
    if (this.dryRun) return this.dryEvent(node, rec, timeoutMs);
    const has = () => this.runtime.pendingEvents.some((e) => e.name === node.event);
    if (!has()) {
      const forget = timeoutMs === undefined ? undefined : this.runtime.timerStarted(rec, 'event_timeout', workflowNow() + timeoutMs);
      let arrived: boolean;
      try {
        arrived = await this.waitFor(node.id, root, has, timeoutMs);
      } finally {
        forget?.();
      }
      if (!arrived) return { edge: edgeOn(this.graph, node.id, 'timeout')!, outcome: 'timeout' };
    }
    const ev = this.runtime.takeEvent(node.event)!;
    if (node.output) this.runtime.write(node.id, { [node.output]: ev.payload ?? null });
    return { edge: this.single(node.id), outcome: node.event };
  }

  private async execTask(node: NodeOf<'task'>, rec: NodeVisit, root: boolean): Promise<Step> {
    if (this.dryRun) return this.dryTask(node, rec, this.dryRun);
    const meta = this.meta(node.id, rec.visit);
    const taskId = taskIdOf(meta);
    this.runtime.tasks.set(taskId, null);
    // Evaluated before the task opens, so the inbox knows when it is due (no command in between:
    // the order of commands is as before).
    const ms = node.deadline !== undefined ? await this.durationOf(node.deadline) : undefined;
    const ladder = this.taskLadders.get(taskId);
    // Without a deadline, a task is due when its ladder marks it overdue.
    const dueAt = ms === undefined ? ladder && overdueAt(ladder.plan) : new Date(workflowNow() + ms).toISOString();
    // formRef is undefined, so left out of the payload, for every node recorded before designed forms existed.
    await this.engine.openTask({ taskId, title: node.title, form: node.form, formRef: node.formRef, role: node.role, group: node.group, dueAt, ladder: ladder?.plan, meta });
    ladder?.opened();
    // The deadline's escalation path runs beside the open task and stops when the task is done.
    const escalationScope = new CancellationScope();
    let escalationError: unknown;
    let escalation: Promise<void> | undefined;
    if (ms !== undefined) {
      const edge = edgeOn(this.graph, node.id, 'timeout')!;
      escalation = escalationScope
        .run(async () => {
          // Reported due when the inbox says the task is (the timer itself starts once the task has opened).
          const forget = this.runtime.timerStarted(rec, 'task_deadline', Date.parse(dueAt!));
          try {
            await sleep(ms);
          } finally {
            forget();
          }
          await this.runPath(edge.to, false);
        })
        .catch((err) => {
          if (!isCancellation(err)) escalationError = err;
        });
    }
    try {
      await this.waitFor(node.id, root && escalation === undefined, () => Boolean(this.runtime.tasks.get(taskId)) || escalationError !== undefined);
      if (escalationError !== undefined) throw escalationError;
    } finally {
      escalationScope.cancel();
      await escalation;
    }
    const done = this.runtime.tasks.get(taskId)!;
    this.runtime.tasks.delete(taskId);
    if (node.output) this.runtime.write(node.id, { [node.output]: done.data });
    // Only nodes with a designed form's mapping do this, and none existed before it: recorded histories replay unchanged without a patch.
    if (node.formRef?.mapping) this.runtime.write(node.id, mappedFormData(node.formRef.mapping, done.data));
    return { edge: this.single(node.id), outcome: 'completed' };
  }

  /** An activity in a dry run: its stub is its output; with none, it fails as a refused call would (a dry run calls nothing real). */
  private dryActivity(node: NodeOf<'activity'>, rec: NodeVisit, input: Record<string, unknown>): Step {
    const dry = this.dryRun!;
    if (!dry.hasStub(node.id)) throw new DryRunNoStub(node.id, `activity '${node.activity}' of step '${node.id}' has no stub: a dry run never calls a real activity`);
    const output = dry.stub(node.id);
    dry.record(node.id, rec.visit, { kind: 'activity', activity: node.activity, input, output });
    if (node.output) this.runtime.write(node.id, { [node.output]: output });
    return { edge: this.single(node.id) };
  }

  /** An event in a dry run: its stub arrives at once as the payload; without one its timeout jumps, or the run waits here for good. */
  private async dryEvent(node: NodeOf<'event'>, rec: NodeVisit, timeoutMs: number | undefined): Promise<Step> {
    const dry = this.dryRun!;
    if (dry.hasStub(node.id)) {
      const payload = dry.stub(node.id);
      dry.record(node.id, rec.visit, { kind: 'event', event: node.event, payload });
      if (node.output) this.runtime.write(node.id, { [node.output]: payload });
      return { edge: this.single(node.id), outcome: node.event };
    }
    if (timeoutMs === undefined) throw new DryRunHalt(node.id);
    const due = await dry.jump(timeoutMs);
    dry.record(node.id, rec.visit, { kind: 'timeout', jumpedMs: timeoutMs, dueAt: new Date(due).toISOString() });
    return { edge: edgeOn(this.graph, node.id, 'timeout')!, outcome: 'timeout' };
  }

  /**
   * A task in a dry run opens nothing: its stub is the completed form; without one, its deadline
   * (if any) jumps and the escalation path runs, and the run then waits here for good.
   */
  private async dryTask(node: NodeOf<'task'>, rec: NodeVisit, dry: DryRunMode): Promise<Step> {
    if (dry.hasStub(node.id)) {
      const stub = dry.stub(node.id);
      const data = stub !== null && typeof stub === 'object' && !Array.isArray(stub) ? (stub as Record<string, unknown>) : {};
      dry.record(node.id, rec.visit, { kind: 'task', data });
      if (node.output) this.runtime.write(node.id, { [node.output]: data });
      if (node.formRef?.mapping) this.runtime.write(node.id, mappedFormData(node.formRef.mapping, data));
      return { edge: this.single(node.id), outcome: 'completed' };
    }
    if (node.deadline !== undefined) {
      const ms = await this.durationOf(node.deadline);
      const due = await dry.jump(ms);
      dry.record(node.id, rec.visit, { kind: 'timeout', jumpedMs: ms, dueAt: new Date(due).toISOString() });
      await this.runPath(edgeOn(this.graph, node.id, 'timeout')!.to, false);
    }
    throw new DryRunHalt(node.id);
  }

  /** A subprocess in a dry run starts no child: its stub ({ outcome, variables }) is the child's result. */
  private drySubprocess(node: NodeOf<'subprocess'>, rec: NodeVisit): Step {
    const dry = this.dryRun!;
    if (!dry.hasStub(node.id)) throw new DryRunNoStub(node.id, `subprocess '${node.process}' of step '${node.id}' has no stub: a dry run starts no child case`);
    const stub = dry.stub(node.id);
    const result = stub !== null && typeof stub === 'object' ? (stub as { outcome?: unknown; variables?: unknown }) : {};
    const outcome = typeof result.outcome === 'string' ? result.outcome : undefined;
    dry.record(node.id, rec.visit, { kind: 'subprocess', process: node.process, outcome: outcome ?? null });
    if (node.output) this.runtime.write(node.id, { [node.output]: { outcome: outcome ?? null, variables: result.variables ?? {} } });
    return { edge: this.single(node.id), outcome };
  }
}

/** The case variables a completed form gives: each mapped variable gets its field's value, null for a field left empty or hidden. */
function mappedFormData(mapping: Record<string, string>, data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(mapping).map(([variable, field]) => [variable, Object.hasOwn(data, field) ? data[field] : null]));
}

/** A task's id: `<case>:<node>:<visit>`, stable across retries and replays. */
function taskIdOf(meta: ActivityMeta): string {
  return `${meta.caseId}:${meta.nodeId}:${meta.visit}`;
}
