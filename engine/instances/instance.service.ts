/**
 * Cases: start a published version, read where a case stands, send it events,
 * cancel it, and migrate it to a newer version.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { BusinessKeyAttr, ProcessKeyAttr, ProcessVersionAttr } from '../../workflows/search-attributes';
import { eventSignal, migrateUpdate, stateQuery, type CaseState } from '../../workflows/messages';
import type { ProcessInput } from '../../workflows/interpreter/workflow';
import { DecisionEntity } from '../decisions/decision.entity';
import { ConflictError, NotFoundError, UserError, ValidationError } from '../errors';
import { schemaProblems } from '../http/json-schema';
import { snapshotOf } from '../processes/snapshot';
import type { Services } from '../services';
import { caseIdFor } from './business-key';
import { InstanceEntity, type InstanceRow } from './instance.entity';

const STATUS: Record<string, CaseState['status'] | 'terminated' | 'timed_out'> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
  CONTINUED_AS_NEW: 'running',
};

export const listStatuses = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'] as const;
export type ListStatus = (typeof listStatuses)[number];

/** Our status word → Temporal's visibility ExecutionStatus value. */
const VISIBILITY_STATUS: Record<ListStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Canceled',
  terminated: 'Terminated',
  timed_out: 'TimedOut',
};

/** Temporal's numeric WorkflowExecutionStatus → our status word (continued-as-new runs belong to a running case). */
const STATUS_BY_CODE: Record<number, string> = { 1: 'running', 2: 'completed', 3: 'failed', 4: 'cancelled', 5: 'terminated', 6: 'running', 7: 'timed_out' };

export interface InstanceView extends Omit<CaseState, 'status'> {
  instanceId: string;
  status: string;
  startedAt: Date;
  startedBy: string;
}

export class InstanceService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {}

  private get repo() {
    return this.services.db.getRepository(InstanceEntity);
  }

  async start(req: { processKey: string; version?: number; businessKey?: string; input: Record<string, unknown> }, actor: string) {
    const snap = await snapshotOf(this.services, req.processKey, req.version);
    if (snap.definition.variables) {
      const problems = schemaProblems(snap.definition.variables, req.input, 'input');
      if (problems.length) throw new ValidationError('invalid_input', 'the case input does not match the process variables', problems);
    }
    const { id, hashedKey } = caseIdFor(req.processKey, req.businessKey);
    const { config } = this.services;
    const args: ProcessInput = { ...snap, input: req.input };
    // The row and the workflow start together: if Temporal refuses, the row is rolled back.
    await this.services.db.transaction(async (m) => {
      if (await m.getRepository(InstanceEntity).existsBy({ id })) throw new ConflictError('duplicate_business_key', 'a case with this business key already exists');
      await m.getRepository(InstanceEntity).insert({ id, processKey: req.processKey, version: snap.version, businessKey: hashedKey, startedBy: actor });
      try {
        await this.client.workflow.start('runProcess', {
          taskQueue: config.temporal.taskQueue,
          workflowId: id,
          args: [args],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: [
            { key: ProcessKeyAttr, value: req.processKey },
            { key: ProcessVersionAttr, value: snap.version },
            ...(hashedKey ? [{ key: BusinessKeyAttr, value: hashedKey }] : []),
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ConflictError('duplicate_business_key', 'a case with this business key already exists');
        throw err;
      }
    });
    return { instanceId: id, version: snap.version };
  }

  async row(id: string): Promise<InstanceRow> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundError('case', id);
    return row;
  }

  async get(id: string): Promise<InstanceView> {
    const row = await this.row(id);
    const handle = this.client.workflow.getHandle(id);
    let desc, state;
    try {
      desc = await handle.describe();
      state = await handle.query(stateQuery);
    } catch (err) {
      // The row outlived the workflow (e.g. past Temporal's retention): the case's live state is gone.
      if (err instanceof WorkflowNotFoundError) throw new UserError(410, 'case_expired', `case '${id}' is no longer held by the workflow service`);
      throw err;
    }
    let status: string = STATUS[desc.status.name] ?? desc.status.name.toLowerCase();
    if (status === 'running' && state.status !== 'running') status = state.status;
    return { ...state, status, instanceId: id, version: state.version, startedAt: row.startedAt, startedBy: row.startedBy };
  }

  /** Lists cases through Temporal's visibility store; `processKey` is validated as a resource key, so it is safe in the query. */
  async list(q: { processKey?: string; status?: ListStatus; limit: number; cursor?: string }) {
    const clauses = [`WorkflowType = 'runProcess'`];
    if (q.processKey) clauses.push(`ProcessKey = '${q.processKey}'`);
    if (q.status) clauses.push(`ExecutionStatus = '${VISIBILITY_STATUS[q.status]}'`);
    const res = await this.client.workflowService.listWorkflowExecutions({
      namespace: this.services.config.temporal.namespace,
      pageSize: q.limit,
      nextPageToken: q.cursor ? Buffer.from(q.cursor, 'base64url') : undefined,
      query: clauses.join(' AND '),
    });
    const items = (res.executions ?? []).map((e) => ({
      instanceId: e.execution?.workflowId ?? '',
      status: STATUS_BY_CODE[e.status ?? 1] ?? 'running',
      startedAt: e.startTime?.seconds ? new Date(Number(e.startTime.seconds) * 1000).toISOString() : null,
    }));
    const more = res.nextPageToken && res.nextPageToken.length > 0;
    return { items, nextCursor: more ? Buffer.from(res.nextPageToken!).toString('base64url') : null };
  }

  async sendEvent(id: string, name: string, payload: unknown) {
    await this.row(id);
    await this.whenRunning(id, () => this.client.workflow.getHandle(id).signal(eventSignal, { name, payload }));
    return { accepted: true };
  }

  async cancel(id: string) {
    await this.row(id);
    await this.whenRunning(id, () => this.client.workflow.getHandle(id).cancel());
    return { cancelled: true };
  }

  async migrate(id: string, toVersion: number, nodeMapping: Record<string, string> | undefined, actor: string) {
    const row = await this.row(id);
    const snap = await snapshotOf(this.services, row.processKey, toVersion);
    try {
      const result = await this.whenRunning(id, () =>
        this.client.workflow.getHandle(id).executeUpdate(migrateUpdate, { args: [{ ...snap, nodeMapping }] }),
      );
      await this.repo.update({ id }, { version: toVersion });
      this.services.log.info({ caseId: id, toVersion, actor }, 'case migrated');
      return result;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new UserError(409, 'migration_refused', `migration refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      }
      throw err;
    }
  }

  async decisions(id: string) {
    await this.row(id);
    const rows = await this.services.db.getRepository(DecisionEntity).find({ where: { instanceId: id }, order: { id: 'ASC' } });
    return rows.map((d) => ({
      id: d.id,
      nodeId: d.nodeId.split('#')[0],
      visit: Number(d.nodeId.split('#')[1] ?? 1),
      ruleset: { key: d.rulesetKey, version: d.rulesetVersion },
      facts: d.facts,
      events: d.events,
      outcome: d.outcome,
      trace: d.trace,
      decidedAt: d.decidedAt,
    }));
  }

  /** Runs an operation that needs a running case: 409 when it has ended. */
  private async whenRunning<T>(id: string, op: () => Promise<T>): Promise<T> {
    const desc = await this.client.workflow.getHandle(id).describe();
    if (desc.status.name !== 'RUNNING') throw new UserError(409, 'case_not_running', `case '${id}' is ${STATUS[desc.status.name] ?? desc.status.name.toLowerCase()}`);
    try {
      return await op();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new UserError(409, 'case_not_running', `case '${id}' is not running`);
      throw err;
    }
  }
}
