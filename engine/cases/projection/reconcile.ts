/**
 * Temporal holds the truth of every case; the projection is kept by the worker's sink, which does
 * not promise delivery (workflows/case-projection.ts). A pass compares the projection with
 * Temporal's visibility and repairs the drift: a case with no row gets one (with its current
 * nodes and visits from the case's own state, when it is running), a row still 'running' for
 * a case that has ended gets its end, and a child case without its `cases` row gets one. A pass lists what started or closed since the last one (with
 * an overlap, as visibility lags), and all cases now and then, so an old row lost is found too.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { stateQuery } from '../../../workflows/messages';
import { PROCESS_WORKFLOW_TYPE } from '../../../workflows/process-workflow';
import { BusinessKeyAttr, OrgUnitAttr, ProcessKeyAttr, ProcessVersionAttr } from '../../../workflows/search-attributes';
import type { Logger } from '../../logger';
import { ProjectionStore, type ProjectedStatus } from './store';

/** Visibility's status → the projection's; a run that continued as new is not the case's end. */
const ENDED: Partial<Record<WorkflowExecutionInfo['status']['name'], Exclude<ProjectedStatus, 'running'>>> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
};

/** How far back a pass looks before the previous one began (visibility answers a little late). */
const OVERLAP_MS = 5 * 60_000;
/** How often a pass looks at every case. */
const FULL_EVERY_MS = 6 * 3_600_000;
/** How long a case's own state may take to answer when its row is rebuilt. */
const STATE_WAIT_MS = 5_000;

export interface ProjectionRepairs {
  /** Rows made for cases that had none. */
  inserted: number;
  /** Rows given the end the case had reached. */
  ended: number;
  /** Children (linked cases, subprocesses) given the `cases` row their start did not write. */
  adopted: number;
}

/** What a case's own `cases` row says of its start. */
interface StartedRow {
  processKey: string;
  version: number;
  orgUnit: string | null;
}

export class ProjectionReconciler {
  private readonly store: ProjectionStore;
  private since: number | undefined;
  private lastFull = 0;

  constructor(
    private readonly db: DataSource,
    private readonly client: Client,
    private readonly log: Logger,
    /** A case younger than this with no row is left to the worker, which is about to write it. */
    private readonly graceMs: number,
  ) {
    this.store = new ProjectionStore(db);
  }

  /** `stopping`: asked between cases, so that a long pass (the first, over every case) does not hold up a stop. */
  async pass(stopping: () => boolean = () => false): Promise<ProjectionRepairs> {
    const began = Date.now();
    const full = this.since === undefined || began - this.lastFull >= FULL_EVERY_MS;
    const clauses = [`WorkflowType = '${PROCESS_WORKFLOW_TYPE}'`];
    if (!full) {
      const since = new Date(this.since! - OVERLAP_MS).toISOString();
      clauses.push(`(StartTime >= '${since}' OR CloseTime >= '${since}')`);
    }
    const repairs: ProjectionRepairs = { inserted: 0, ended: 0, adopted: 0 };
    let batch: WorkflowExecutionInfo[] = [];
    for await (const wf of this.client.workflow.list({ query: clauses.join(' AND '), pageSize: 1000 })) {
      if (stopping()) return repairs;
      batch.push(wf);
      if (batch.length === 500) {
        await this.repair(batch, repairs, stopping);
        batch = [];
      }
    }
    await this.repair(batch, repairs, stopping);
    if (stopping()) return repairs;
    this.since = began;
    if (full) this.lastFull = began;
    if (repairs.inserted || repairs.ended || repairs.adopted) this.log.info({ ...repairs }, 'case projection repaired from Temporal');
    return repairs;
  }

  private async repair(batch: WorkflowExecutionInfo[], repairs: ProjectionRepairs, stopping: () => boolean): Promise<void> {
    if (batch.length === 0) return;
    const rows: { case_id: string; status: string }[] = await this.db.query(`SELECT case_id, status FROM case_projection WHERE case_id = ANY($1)`, [batch.map((w) => w.workflowId)]);
    const status = new Map(rows.map((r) => [r.case_id, r.status]));
    const ours = await this.casesStartedHere(batch);
    for (const wf of batch) {
      if (stopping()) return;
      // Visibility lists every run of a case; a run that continued as new says nothing of the case.
      if (wf.status.name === 'CONTINUED_AS_NEW') continue;
      if (!ours.has(rootOf(wf))) continue;
      const end = ENDED[wf.status.name];
      const known = status.get(wf.workflowId);
      if (known === undefined) {
        if (!end && Date.now() - wf.startTime.getTime() < this.graceMs) continue;
        await this.rebuild(wf, ours.get(wf.workflowId));
        repairs.inserted++;
        if (end) await this.store.ended(wf.workflowId, end, wf.closeTime ?? new Date());
      } else if (known === 'running' && end) {
        await this.store.ended(wf.workflowId, end, wf.closeTime ?? new Date());
        repairs.ended++;
      }
    }
    const children = batch.filter((wf) => wf.parentExecution && ours.has(rootOf(wf))).map((wf) => wf.workflowId);
    if (children.length) repairs.adopted += await this.store.adoptChildren(children);
  }

  /**
   * The cases among these (by their root case: a subprocess belongs to the case that started it)
   * that this database started: every case's row is written before its workflow (cases/case-start.ts).
   * A namespace may hold other databases' cases (a staging site, the test suite's many databases
   * on one server): rebuilding those here would fill the projection with cases nobody here can
   * see, and query each one's state from workers that are not ours.
   */
  private async casesStartedHere(batch: WorkflowExecutionInfo[]): Promise<Map<string, StartedRow>> {
    const roots = [...new Set(batch.map(rootOf))];
    const rows: ({ id: string } & StartedRow)[] = await this.db.query(`SELECT id, process_key AS "processKey", version, org_unit AS "orgUnit" FROM cases WHERE id = ANY($1)`, [roots]);
    return new Map(rows.map(({ id, ...started }) => [id, started]));
  }

  /**
   * A row from visibility, and for a running case its visits from its state (its version may have
   * moved since the start). The row is written even when the state cannot be read (a stuck case), so
   * a case is rebuilt once, not at every pass.
   */
  private async rebuild(wf: WorkflowExecutionInfo, started: StartedRow | undefined): Promise<void> {
    const attrs = wf.typedSearchAttributes;
    // A workflow started without the case's labels (by hand, or by a tool) still has the row its case wrote.
    const processKey = attrs.get(ProcessKeyAttr) ?? started?.processKey ?? wf.workflowId.split('.')[0];
    let version = attrs.get(ProcessVersionAttr) ?? started?.version ?? 0;
    let run = 1;
    if (wf.status.name === 'RUNNING') {
      const state = await this.stateOf(wf.workflowId);
      if (state) {
        version = state.version;
        run = state.run;
        for (const v of state.history) await this.store.visited(wf.workflowId, { ...v, processKey, version });
      }
    }
    await this.store.started(wf.workflowId, {
      processKey, version, run,
      orgUnit: attrs.get(OrgUnitAttr) ?? started?.orgUnit ?? undefined,
      businessKey: attrs.get(BusinessKeyAttr),
      parentId: wf.parentExecution?.workflowId ?? undefined,
      startedAt: wf.startTime.getTime(),
    });
  }

  private async stateOf(caseId: string) {
    try {
      // A deadline, not a race: a query left behind would keep its call and the server's work going.
      return await this.client.connection.withDeadline(Date.now() + STATE_WAIT_MS, () => this.client.workflow.getHandle(caseId).query(stateQuery));
    } catch (err) {
      this.log.warn({ caseId, err: (err as Error).message }, 'case state unreadable; its row is rebuilt without its visits');
      return undefined;
    }
  }
}

/** The case a workflow belongs to: itself, or the case at the root of its subprocesses. */
function rootOf(wf: WorkflowExecutionInfo): string {
  return wf.rootExecution?.workflowId ?? wf.parentExecution?.workflowId ?? wf.workflowId;
}
