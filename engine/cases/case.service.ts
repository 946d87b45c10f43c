/**
 * Cases: start a published version, read where a case stands, send it events,
 * cancel it, and migrate it to a newer version.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { eventSignal, HISTORY_KEEP, migrateUpdate, stateQuery, type CaseState } from '../../workflows/messages';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import type { ProcessInput } from '../../workflows/process-workflow';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import { DecisionEntity } from '../decisions/decision.entity';
import { ConflictError, NotFoundError, UserError, ValidationError } from '../errors';
import { DocumentEntity } from '../documents/document.entity';
import { schemaProblems } from '../http/json-schema';
import { unitForNewCase } from '../orgunits/case-unit';
import { scopeOf } from '../orgunits/scope';
import { caseDecisions, caseVariables } from '../privacy/answers';
import { hashSecretOf } from '../privacy/hash-secret';
import { PiiGate } from '../privacy/pii-gate';
import { snapshotOf } from '../processes/snapshot';
import { isDeadlineExceeded, isNoWorkerPolling, isTemporalUnavailable } from '../temporal/unavailable';
import type { Services } from '../services';
import { TaskEntity } from '../tasks/task.entity';
import { caseIdFor, legacyCaseIdFor } from './business-key';
import { CaseStarter } from './case-start';
import { eventPayloadProblems } from '../events/event-payload';
import { closeIncidentsOf } from '../incidents/case-flag';
import { CaseList, type CaseListPage, type CaseListQuery } from './projection/case-list';
import { heatmapOf, type HeatmapQuery } from './projection/heatmap';
import { ProjectionStore } from './projection/store';
import { stuckInfo, type StuckInfo } from './stuck';
import { previewMigration, type MigrationPreview, type MigrationPreviewInput } from './migration-preview';
import { CaseEntity, type CaseRow } from './case.entity';

const STATUS: Record<string, CaseState['status'] | 'terminated' | 'timed_out'> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
  CONTINUED_AS_NEW: 'running',
};

/**
 * How long a case's answer waits for its live state from a worker, unless its reader asks for less
 * (the case page does: it asks again). A closed case's state is read by replaying it, which a loaded
 * cluster took more than 5 s to do; what must not happen is a request left hanging on a case no
 * worker serves.
 */
export const STATE_WAIT_MS = 20_000;

export interface CaseView extends Omit<CaseState, 'status'> {
  caseId: string;
  status: string;
  /** The raw history in the Temporal Web UI, when its address is configured. */
  historyUrl?: string;
  /** Set when the status is 'stuck': why, and since when. */
  stuck?: StuckInfo;
  /**
   * Set when the case's live state could not be read: `unreadable`, its code cannot replay;
   * `no-answer`, no worker answered in time (all busy, or none serves its task queue). The answer
   * then holds its status, and from the case projection its current nodes, its latest visits and a
   * failed case's error; no variables, timers or incidents. Ask again.
   */
  stateUnavailable?: 'unreadable' | 'no-answer';
  startedAt: Date;
  startedBy: string;
  /** The org unit the case belongs to. */
  orgUnit: string;
  /** The case that started this one (a ladder step's linked case, a subprocess node's child), else null. */
  parentCaseId: string | null;
  /** The cases this one started, oldest first. */
  linkedCases: LinkedCase[];
}

/** A case another started, as its parent's answer lists it (from the case projection). */
export interface LinkedCase {
  caseId: string;
  processKey: string;
  version: number;
  status: string;
  startedAt: Date;
}

export class CaseService {
  private readonly starter: CaseStarter;
  /** Keys case ids and business-key hashes. */
  private readonly hashSecret: Buffer;
  private readonly caseList: CaseList;

  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {
    this.starter = new CaseStarter(services, client, services.config.caseStartGraceMs);
    this.hashSecret = hashSecretOf(services.config);
    this.caseList = new CaseList(services.db, { hash: this.hashSecret, cursor: services.config.cursorSecret });
  }

  /** Resolves starts left half done by a crash or an outage (run periodically by the API). */
  settleAbandonedStarts(): Promise<number> {
    return this.starter.settleAbandoned();
  }

  private get repo() {
    return this.services.db.getRepository(CaseEntity);
  }

  async start(req: { processKey: string; version?: number; businessKey?: string; orgUnit?: string; input: Record<string, unknown> }, principal: Principal) {
    const orgUnit = await unitForNewCase(this.services.db, principal, await scopeOf(this.services.db, principal), req.orgUnit);
    const snap = await snapshotOf(this.services, req.processKey, req.version);
    if (snap.definition.variables) {
      const problems = schemaProblems(snap.definition.variables, req.input, 'input');
      if (problems.length) throw new ValidationError('invalid_input', 'the case input does not match the process variables', problems);
    }
    const { id, hashedKey } = caseIdFor(this.hashSecret, req.processKey, req.businessKey);
    const legacyId = req.businessKey === undefined ? undefined : legacyCaseIdFor(req.processKey, req.businessKey);
    const args: ProcessInput = { ...snap, input: req.input };
    await this.starter.start({ id, hashedKey, legacyId, processKey: req.processKey, args, actor: principal.username, orgUnit });
    return { caseId: id, version: snap.version, orgUnit };
  }

  /**
   * The case's row, when the principal may see it: a case outside its org units answers 404, as
   * one that does not exist. A start still in flight is settled from Temporal first (see case-start.ts).
   */
  async row(id: string, principal: Principal): Promise<CaseRow> {
    const scope = await scopeOf(this.services.db, principal);
    let row: CaseRow | null | undefined = scope.visible(await this.repo.findOneBy({ id }), 'case', id);
    if (row.state === 'starting') row = await this.starter.settleOne(id);
    if (!row) throw new NotFoundError('case', id);
    return row;
  }

  /** Where a case stands; `waitMs` bounds the wait for its live state (see STATE_WAIT_MS), 0 reads its record alone. */
  async get(id: string, principal: Principal, waitMs = STATE_WAIT_MS): Promise<CaseView> {
    const row = await this.row(id, principal);
    const desc = await this.describe(id);
    const status: string = STATUS[desc.status.name] ?? desc.status.name.toLowerCase();
    // A stuck case cannot answer a query (answering replays the failing task): report it from describe.
    const stuck = await stuckInfo(this.client, this.services.config.temporal.namespace, desc);
    const links = await this.links(row, principal);
    if (stuck) return { ...this.bareView(row, links), status: 'stuck', stuck };
    let state: CaseState | undefined;
    try {
      state = waitMs > 0 ? await this.stateWithin(id, waitMs) : undefined;
    } catch (err) {
      // A case whose code cannot replay (failing before it counts as stuck, or terminated while
      // stuck) still has a status; Temporal being down is another matter.
      if (!(err instanceof Error) || isTemporalUnavailable(err)) throw err;
      this.services.log.warn({ caseId: id, err: err.message }, 'case state unreadable; answering from its record');
      return this.fromRecord(row, links, status, 'unreadable');
    }
    if (!state) {
      // No worker answered in time (all busy, or none polls the case's task queue): the status
      // still stands, and the projection says where the case is; a page of cases must not wait on one.
      if (waitMs > 0) this.services.log.warn({ caseId: id, waitedMs: waitMs }, 'case state did not answer in time; answering from its record');
      return this.fromRecord(row, links, status, 'no-answer');
    }
    const variables = await caseVariables(this.services.processes, new PiiGate(this.services.db, principal), id, state, state.variables);
    return { ...state, variables, status: status === 'running' && state.status !== 'running' ? state.status : status, caseId: id, version: state.version, startedAt: row.startedAt, startedBy: row.startedBy, orgUnit: row.orgUnit, ...links, historyUrl: this.historyUrl(id) };
  }

  /**
   * The case's live state from a worker, or undefined when none answers within `ms` or none polls its
   * task queue. The query is given a deadline rather than left behind: an abandoned query kept its call
   * open on the API's connection to Temporal, and its work on the server, until Temporal gave up on it.
   */
  private async stateWithin(id: string, ms: number): Promise<CaseState | undefined> {
    try {
      return await this.client.connection.withDeadline(Date.now() + ms, () => this.client.workflow.getHandle(id).query(stateQuery));
    } catch (err) {
      // No worker answered by the deadline, or none polls the case's task queue at all.
      if (isDeadlineExceeded(err) || isNoWorkerPolling(err)) return undefined;
      throw err;
    }
  }

  /** The case's parent and the cases it started that the principal may see (a child is in its parent's unit when it starts). */
  private async links(row: CaseRow, principal: Principal): Promise<Pick<CaseView, 'parentCaseId' | 'linkedCases'>> {
    const scope = await scopeOf(this.services.db, principal);
    const rows: (LinkedCase & { orgUnit: string })[] = await this.services.db.query(
      `SELECT c.id AS "caseId", c.process_key AS "processKey", COALESCE(p.version, c.version) AS version, COALESCE(p.status, 'running') AS status,
              c.started_at AS "startedAt", c.org_unit AS "orgUnit"
         FROM cases c LEFT JOIN case_projection p ON p.case_id = c.id
        WHERE c.parent_case_id = $1 ORDER BY c.started_at, c.id`,
      [row.id],
    );
    const linkedCases = rows.filter((r) => scope.includes(r.orgUnit)).map(({ orgUnit: _unit, ...linked }) => linked);
    return { parentCaseId: row.parentCaseId, linkedCases };
  }

  /** The case's raw history in the Temporal Web UI, when its address is known (TEMPORAL_UI_URL; npm start sets it). */
  private historyUrl(id: string): string | undefined {
    const ui = this.services.config.temporal.uiUrl;
    return ui ? `${ui.replace(/\/$/, '')}/namespaces/${encodeURIComponent(this.services.config.temporal.namespace)}/workflows/${encodeURIComponent(id)}` : undefined;
  }

  /**
   * The answer for a case whose live state cannot be read: its status from Temporal, and what the
   * case projection keeps of where it stands (its workers write it as the case moves).
   */
  private async fromRecord(row: CaseRow, links: Pick<CaseView, 'parentCaseId' | 'linkedCases'>, status: string, why: NonNullable<CaseView['stateUnavailable']>): Promise<CaseView> {
    const bare = { ...this.bareView(row, links), status, stateUnavailable: why };
    const record = await new ProjectionStore(this.services.db).recordOf(row.id, HISTORY_KEEP);
    if (!record) return bare;
    const { currentNodes, error, ...kept } = record;
    return { ...bare, ...kept, activeNodes: status === 'running' ? currentNodes : [], ...(status === 'failed' && error ? { error } : {}) };
  }

  /** What the row alone says of a case whose live state cannot be read. */
  private bareView(row: CaseRow, links: Pick<CaseView, 'parentCaseId' | 'linkedCases'>): Omit<CaseView, 'status'> {
    return {
      caseId: row.id, processKey: row.processKey, version: row.version, activeNodes: [], variables: {},
      history: [], historyDropped: 0, run: 0, startedAt: row.startedAt, startedBy: row.startedBy, orgUnit: row.orgUnit, ...links,
      // Where to read what happened when the engine cannot say: most needed for a stuck or unreadable case.
      historyUrl: this.historyUrl(row.id),
    };
  }

  private async describe(id: string) {
    try {
      return await this.client.workflow.getHandle(id).describe();
    } catch (err) {
      // The row outlived the workflow (e.g. past Temporal's retention): the case's live state is gone.
      if (err instanceof WorkflowNotFoundError) throw new UserError(410, 'case_expired', `case '${id}' is no longer held by the workflow service`);
      throw err;
    }
  }

  /** The case list, from the case projection (projection/case-list.ts), within the principal's org units. */
  async list(q: CaseListQuery, principal: Principal): Promise<CaseListPage> {
    return this.caseList.list(q, await scopeOf(this.services.db, principal));
  }

  /** Open cases per node now, and the time spent per node in a period, of one process (projection/heatmap.ts). */
  async heatmap(processKey: string, q: HeatmapQuery, principal: Principal) {
    if (!(await this.services.db.getRepository(DocumentEntity).existsBy({ kind: 'process', key: processKey }))) throw new NotFoundError('process', processKey);
    return heatmapOf(this.services.db, processKey, q, await scopeOf(this.services.db, principal));
  }

  async sendEvent(id: string, name: string, payload: unknown, principal: Principal) {
    const row = await this.row(id, principal);
    const problems = eventPayloadProblems((await this.services.processes.version(row.processKey, row.version)).content, name, payload);
    if (problems.length) throw new ValidationError('invalid_payload', `the payload does not match the schema of event '${name}'`, problems);
    await this.whenRunning(id, () => this.client.workflow.getHandle(id).signal(eventSignal, { name, payload }));
    // The event's name, never its payload: that may hold personal data.
    await appendAudit(this.services.db, { actor: principal.username, action: 'event', kind: 'case', key: id, detail: { name } });
    return { accepted: true };
  }

  async cancel(id: string, reason: string | undefined, principal: Principal) {
    await this.row(id, principal);
    const stuck = await stuckInfo(this.client, this.services.config.temporal.namespace, await this.describe(id));
    if (stuck) {
      // Cancellation is delivered through a workflow task, which is what keeps failing.
      throw new ConflictError('case_stuck', `case '${id}' is stuck (${stuck.reason}): a cancel cannot take effect; terminate it instead (POST /api/cases/${id}/terminate)`);
    }
    await this.whenRunning(id, () => this.client.workflow.getHandle(id).cancel());
    await appendAudit(this.services.db, { actor: principal.username, action: 'cancel', kind: 'case', key: id, ...(reason ? { detail: { reason } } : {}) });
    return { cancelled: true };
  }

  /** Ends a running case at once, without running its cleanup: for a case that cannot be cancelled. Audited. */
  async terminate(id: string, reason: string, principal: Principal) {
    const actor = principal.username;
    await this.row(id, principal);
    await this.whenRunning(id, () => this.client.workflow.getHandle(id).terminate(`${reason} (by ${actor})`));
    await this.services.db.getRepository(TaskEntity).update({ caseId: id, status: 'open' }, { status: 'cancelled', completedAt: new Date() });
    await closeIncidentsOf(this.services.db, id);
    // A terminated workflow runs no more code, so its sink never reports the end: the list learns it here (else from the reconciler).
    await new ProjectionStore(this.services.db).ended(id, 'terminated', new Date());
    await appendAudit(this.services.db, { actor, action: 'terminate', kind: 'case', key: id, detail: { reason } });
    this.services.log.warn({ caseId: id, actor }, 'case terminated');
    return { terminated: true };
  }

  /**
   * The dry run of migrating a case to `toVersion` (migration-preview.ts): answered from the case's
   * live state, refused with the reason when unsafe. Acts on nothing.
   */
  async previewMigration(id: string, toVersion: number, nodeMapping: Record<string, string> | undefined, principal: Principal): Promise<MigrationPreview> {
    const row = await this.row(id, principal);
    const state = await this.liveState(id, row);
    const from = (await this.services.processes.version(row.processKey, state.version)).content;
    let to: ProcessDefinition | null = null;
    try {
      to = (await this.services.processes.version(row.processKey, toVersion)).content;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    return previewMigration({ state, from, toVersion, to, nodeMapping });
  }

  /** Where a case stands, for an action's check before it is taken (a bulk job's preview and run): see liveState. */
  async actionState(id: string, principal: Principal): Promise<MigrationPreviewInput['state']> {
    return this.liveState(id, await this.row(id, principal));
  }

  /**
   * What a dry run needs of a case's state: the workflow's answer while it runs; its status alone
   * once it has ended, is stuck or does not answer in time (none of which can be migrated).
   */
  private async liveState(id: string, row: CaseRow): Promise<MigrationPreviewInput['state']> {
    const desc = await this.describe(id);
    const closed = { processKey: row.processKey, version: row.version, activeNodes: [], variables: {} };
    if (desc.status.name !== 'RUNNING') return { ...closed, status: (STATUS[desc.status.name] ?? 'failed') as CaseState['status'] };
    if (await stuckInfo(this.client, this.services.config.temporal.namespace, desc)) throw new ConflictError('case_stuck', `case '${id}' is stuck: its state cannot be read`);
    const state = await this.stateWithin(id, STATE_WAIT_MS);
    if (!state) throw new UserError(503, 'case_state_unavailable', `case '${id}' did not answer in time; try again`);
    return state;
  }

  async migrate(id: string, toVersion: number, nodeMapping: Record<string, string> | undefined, principal: Principal) {
    const actor = principal.username;
    const row = await this.row(id, principal);
    const snap = await snapshotOf(this.services, row.processKey, toVersion);
    // The dry run's refusals first, with its reasons; the workflow checks the move again as it takes it (a race).
    const dry = await this.previewMigration(id, toVersion, nodeMapping, principal);
    if (dry.refusal) throw new ConflictError('migration_refused', `migration refused: ${dry.refusal.message}`);
    try {
      const result = await this.whenRunning(id, () =>
        this.client.workflow.getHandle(id).executeUpdate(migrateUpdate, { args: [{ ...snap, nodeMapping }] }),
      );
      await this.services.db.transaction(async (m) => {
        await m.getRepository(CaseEntity).update({ id }, { version: toVersion });
        await appendAudit(m, { actor, action: 'migrate', kind: 'case', key: id, detail: { fromVersion: row.version, toVersion, nodeMapping: nodeMapping ?? null } });
      });
      this.services.log.info({ caseId: id, toVersion, actor }, 'case migrated');
      return result;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new ConflictError('migration_refused', `migration refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      }
      throw err;
    }
  }

  async decisions(id: string, principal: Principal) {
    const row = await this.row(id, principal);
    const rows = await this.services.db.getRepository(DecisionEntity).find({ where: { caseId: id }, order: { id: 'ASC' } });
    const decisions = rows.map((d) => ({
      id: d.id,
      nodeId: d.nodeId,
      visit: d.visit,
      ruleset: { key: d.rulesetKey, version: d.rulesetVersion },
      facts: d.facts,
      events: d.events,
      outcome: d.outcome,
      trace: d.trace,
      decidedAt: d.decidedAt,
    }));
    return caseDecisions(this.services.processes, new PiiGate(this.services.db, principal), id, row, decisions);
  }

  /** Runs an operation that needs a running case: 409 when it has ended. */
  private async whenRunning<T>(id: string, op: () => Promise<T>): Promise<T> {
    const desc = await this.client.workflow.getHandle(id).describe();
    if (desc.status.name !== 'RUNNING') throw new ConflictError('case_not_running', `case '${id}' is ${STATUS[desc.status.name] ?? desc.status.name.toLowerCase()}`);
    try {
      return await op();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ConflictError('case_not_running', `case '${id}' is not running`);
      throw err;
    }
  }
}
