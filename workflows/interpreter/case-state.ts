/**
 * The mutable state of one running case: variables, node visits, waiting events
 * and open tasks. Everything here is carried across continue-as-new.
 */
import { HISTORY_KEEP, type CaseState, type CaseStatus, type EventMessage, type IncidentResolution, type NodeVisit, type OpenIncident, type PendingTimer, type TaskCompletion } from '../messages';
import { workflowNow } from '../clock';
import { LimitError, type CaseLimits } from '../limits';
import { jsonBytes } from './json-bytes';

export interface CarriedState {
  variables: Record<string, unknown>;
  history: NodeVisit[];
  historyDropped: number;
  visits: Record<string, number>;
  pendingEvents: EventMessage[];
  run: number;
}

/** Told of each visit as it is entered and as it is left (the case projection: ../case-projection.ts). */
export interface VisitObserver {
  /** `step` is the visit's place in the case's path (1 for the first node entered), given on entry only. */
  visited(record: NodeVisit, step?: number): void;
}

/** A node would grow the case's data past a limit: the node fails with this. */
export class CaseDataLimitError extends LimitError {
  constructor(message: string) {
    super('case_data_limit', message);
  }
}

export class CaseRuntime {
  status: CaseStatus = 'running';
  outcome?: string;
  error?: { nodeId?: string; message: string; code?: string };
  readonly variables: Record<string, unknown>;
  readonly history: NodeVisit[];
  historyDropped: number;
  readonly visits: Record<string, number>;
  readonly pendingEvents: EventMessage[];
  readonly run: number;
  /** Node ids being executed now, one entry per path (a node can be active on two paths). */
  readonly active: string[] = [];
  /** Open task id → its completion, once it arrives. */
  readonly tasks = new Map<string, TaskCompletion | null>();
  /** Open incident id → the incident and, once it arrives, its resolution (incidents.ts). */
  readonly incidents = new Map<string, { incident: OpenIncident; resolution: IncidentResolution | null }>();
  /**
   * Timers running now, for the state query only: they are not carried across continue-as-new,
   * because the node that set one sets it again when the next run resumes there.
   */
  private readonly timers = new Set<PendingTimer>();
  /** JSON bytes of each variable and of all of them, so a write measures only what it changes. */
  private readonly sizes = new Map<string, number>();
  private totalBytes = 0;

  constructor(
    readonly processKey: string,
    readonly version: number,
    carried: CarriedState,
    readonly limits: CaseLimits,
    private readonly observer?: VisitObserver,
  ) {
    this.variables = carried.variables;
    this.history = carried.history;
    this.historyDropped = carried.historyDropped;
    this.visits = carried.visits;
    this.pendingEvents = carried.pendingEvents;
    this.run = carried.run;
    for (const [name, value] of Object.entries(this.variables)) {
      const size = jsonBytes(value, limits.stateBytes);
      this.sizes.set(name, size);
      this.totalBytes += size;
    }
  }

  /**
   * Sets the variables a node wrote, once each is within the limit per variable and all
   * together within the limit per case; when one is not, nothing is written.
   */
  write(nodeId: string, updates: Record<string, unknown>): void {
    const { variableBytes, stateBytes } = this.limits;
    const sizes = new Map<string, number>();
    let total = this.totalBytes;
    for (const [name, value] of Object.entries(updates)) {
      const size = jsonBytes(value, variableBytes);
      if (size > variableBytes) {
        throw new CaseDataLimitError(`case data limit: variable '${name}' written by node '${nodeId}' is over ${variableBytes} bytes of JSON (the limit per variable)`);
      }
      total += size - (this.sizes.get(name) ?? 0);
      sizes.set(name, size);
    }
    if (total > stateBytes) {
      const names = [...sizes.keys()].map((n) => `'${n}'`).join(', ');
      throw new CaseDataLimitError(`case data limit: with ${names} written by node '${nodeId}' the case's variables would be ${total} bytes of JSON, over ${stateBytes} (the limit per case)`);
    }
    for (const [name, size] of sizes) {
      this.variables[name] = updates[name];
      this.sizes.set(name, size);
    }
    this.totalBytes = total;
  }

  /** Refuses what a node would send out (an activity's input, a child's, a decision's facts) when it is larger than the case may be. */
  checkPayload(nodeId: string, what: string, value: unknown): void {
    const { stateBytes } = this.limits;
    if (jsonBytes(value, stateBytes) > stateBytes) {
      throw new CaseDataLimitError(`case data limit: the ${what} of node '${nodeId}' is over ${stateBytes} bytes of JSON (the limit per case)`);
    }
  }

  enter(nodeId: string, type: string): NodeVisit {
    const visit = (this.visits[nodeId] = (this.visits[nodeId] ?? 0) + 1);
    const record: NodeVisit = { nodeId, type, visit, enteredAt: new Date(workflowNow()).toISOString() };
    this.history.push(record);
    if (this.history.length > HISTORY_KEEP) {
      this.history.splice(0, this.history.length - HISTORY_KEEP);
      this.historyDropped++;
    }
    this.active.push(nodeId);
    // Each entry adds one to visits kept plus visits dropped: the visit's place in the path.
    this.observer?.visited(record, this.historyDropped + this.history.length);
    return record;
  }

  leave(record: NodeVisit, how: { edgeId?: string; outcome?: string }): void {
    record.leftAt = new Date(workflowNow()).toISOString();
    if (how.edgeId) record.edgeId = how.edgeId;
    if (how.outcome) record.outcome = how.outcome;
    const i = this.active.indexOf(record.nodeId);
    if (i >= 0) this.active.splice(i, 1);
    this.observer?.visited(record);
  }

  /** Removes and returns the oldest waiting event of that name. */
  takeEvent(name: string): EventMessage | undefined {
    const i = this.pendingEvents.findIndex((e) => e.name === name);
    return i >= 0 ? this.pendingEvents.splice(i, 1)[0] : undefined;
  }

  /**
   * Records a timer of `kind` at a node's visit, due at `dueAt` (ms of the workflow clock); the
   * returned function forgets it (when it fires or the wait ends otherwise). No command.
   */
  timerStarted(rec: NodeVisit, kind: PendingTimer['kind'], dueAt: number): () => void {
    const timer: PendingTimer = { nodeId: rec.nodeId, visit: rec.visit, kind, dueAt: new Date(dueAt).toISOString() };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  snapshot(): CaseState {
    return {
      status: this.status,
      processKey: this.processKey,
      version: this.version,
      activeNodes: [...this.active],
      variables: this.variables,
      history: this.history,
      historyDropped: this.historyDropped,
      run: this.run,
      outcome: this.outcome,
      error: this.error,
      incidents: [...this.incidents.values()].map((e) => e.incident),
      timers: [...this.timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    };
  }

  carry(): CarriedState {
    return {
      variables: this.variables,
      // Already bounded by HISTORY_KEEP: the next run shows the same visits this one did.
      history: this.history,
      historyDropped: this.historyDropped,
      visits: this.visits,
      pendingEvents: this.pendingEvents,
      run: this.run + 1,
    };
  }
}
