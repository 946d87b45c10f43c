/**
 * The mutable state of one running case: variables, node visits, waiting events
 * and open tasks. Everything here is carried across continue-as-new.
 */
import type { CaseState, CaseStatus, EventMessage, NodeVisit, TaskCompletion } from '../messages';
import { workflowNow } from '../clock';

/** History kept in the query result; older visits are counted, not kept, so a months-long case stays small. */
export const HISTORY_KEEP = 200;

export interface CarriedState {
  variables: Record<string, unknown>;
  history: NodeVisit[];
  historyDropped: number;
  visits: Record<string, number>;
  pendingEvents: EventMessage[];
  run: number;
}

export class CaseRuntime {
  status: CaseStatus = 'running';
  outcome?: string;
  error?: { nodeId?: string; message: string };
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

  constructor(
    readonly processKey: string,
    readonly version: number,
    carried: CarriedState,
  ) {
    this.variables = carried.variables;
    this.history = carried.history;
    this.historyDropped = carried.historyDropped;
    this.visits = carried.visits;
    this.pendingEvents = carried.pendingEvents;
    this.run = carried.run;
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
    return record;
  }

  leave(record: NodeVisit, how: { edgeId?: string; outcome?: string }): void {
    record.leftAt = new Date(workflowNow()).toISOString();
    if (how.edgeId) record.edgeId = how.edgeId;
    if (how.outcome) record.outcome = how.outcome;
    const i = this.active.indexOf(record.nodeId);
    if (i >= 0) this.active.splice(i, 1);
  }

  /** Removes and returns the oldest waiting event of that name. */
  takeEvent(name: string): EventMessage | undefined {
    const i = this.pendingEvents.findIndex((e) => e.name === name);
    return i >= 0 ? this.pendingEvents.splice(i, 1)[0] : undefined;
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
    };
  }

  carry(): CarriedState {
    return {
      variables: this.variables,
      history: this.history.slice(-100),
      historyDropped: this.historyDropped + Math.max(0, this.history.length - 100),
      visits: this.visits,
      pendingEvents: this.pendingEvents,
      run: this.run + 1,
    };
  }
}
