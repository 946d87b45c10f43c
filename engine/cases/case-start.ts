/**
 * Starting a case atomically across the database and Temporal. The row is written
 * first ('starting'), then the workflow is started under the row's id, then the row
 * is marked 'started'. A crash or an outage between the steps leaves a 'starting'
 * row, which `settle` resolves from what Temporal holds: the workflow exists → the
 * case is started; it does not, once the grace period is over → the half-done start
 * is removed (its caller never got a 201). So no workflow runs without a row, and
 * no row outlives a start that never reached Temporal.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { LessThan } from 'typeorm';
import { PROCESS_WORKFLOW_TYPE, type ProcessInput, type ProcessWorkflow } from '../../workflows/process-workflow';
import { BusinessKeyAttr, OrgUnitAttr, ProcessKeyAttr, ProcessVersionAttr } from '../../workflows/search-attributes';
import { appendAudit } from '../audit/append';
import { isUniqueViolation } from '../db/pg-errors';
import { ConflictError } from '../errors';
import { faultPoint } from '../fault-points';
import type { Services } from '../services';
import { CaseEntity, type CaseRow } from './case.entity';

export interface StartRequest {
  id: string;
  hashedKey: string | null;
  /** The id a case of this business key had before ids were keyed: such a case is a duplicate too. */
  legacyId?: string;
  processKey: string;
  args: ProcessInput;
  actor: string;
  /** The org unit the case belongs to (orgunits/case-unit.ts). */
  orgUnit: string;
}

const duplicate = () => new ConflictError('duplicate_business_key', 'a case with this business key already exists');

export class CaseStarter {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
    /** How long a start may be in flight before a 'starting' row without a workflow counts as abandoned. */
    private readonly graceMs: number,
  ) {}

  private get repo() {
    return this.services.db.getRepository(CaseEntity);
  }

  async start(req: StartRequest): Promise<void> {
    // A case from before keyed ids is old, so no start races it: a look suffices.
    if (req.legacyId && (await this.repo.existsBy({ id: req.legacyId }))) throw duplicate();
    try {
      await this.repo.insert({ id: req.id, processKey: req.processKey, version: req.args.version, businessKey: req.hashedKey, startedBy: req.actor, orgUnit: req.orgUnit, state: 'starting' });
    } catch (err) {
      // The primary key decides between concurrent starts of one business key.
      if (isUniqueViolation(err)) throw duplicate();
      throw err;
    }
    faultPoint('case-start:after-row');
    try {
      await this.client.workflow.start<ProcessWorkflow>(PROCESS_WORKFLOW_TYPE, {
        taskQueue: this.services.config.temporal.taskQueue,
        workflowId: req.id,
        args: [req.args],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // Temporal's default of 10 s is near what a burst of starts took a loaded 2-core worker per
        // workflow task (7-9 s for 28 cases at once, warned as TMPRL1104); a task that times out is
        // retried, and a case whose tasks keep timing out reads as stuck.
        workflowTaskTimeout: '30 seconds',
        typedSearchAttributes: [
          { key: ProcessKeyAttr, value: req.processKey },
          { key: ProcessVersionAttr, value: req.args.version },
          { key: OrgUnitAttr, value: req.orgUnit },
          ...(req.hashedKey ? [{ key: BusinessKeyAttr, value: req.hashedKey }] : []),
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        // A workflow of this id predates our row (a case whose row was lost): not ours to claim.
        await this.repo.delete({ id: req.id, state: 'starting' });
        throw duplicate();
      }
      // Temporal may or may not have taken it (a timeout is ambiguous): the row stays 'starting'
      // and what Temporal holds decides, when the case is read or the reconciler passes.
      throw err;
    }
    faultPoint('case-start:after-workflow');
    await this.markStarted(req.id);
  }

  /**
   * 'starting' → 'started', with the start's audit row in the same transaction: written once, by
   * whichever gets there first, the request or a settle. A settle may run while serving someone
   * else's request, so `ip` says whose address the row gets (undefined: the request being served).
   */
  private async markStarted(id: string, ip?: string | null): Promise<void> {
    await this.services.db.transaction(async (m) => {
      const repo = m.getRepository(CaseEntity);
      if ((await repo.update({ id, state: 'starting' }, { state: 'started' })).affected !== 1) return;
      const row = await repo.findOneByOrFail({ id });
      await appendAudit(m, { actor: row.startedBy, action: 'start', kind: 'case', key: id, detail: { processKey: row.processKey, version: row.version, orgUnit: row.orgUnit }, ip });
    });
  }

  /**
   * Resolves a 'starting' row from Temporal. Answers the row when the case exists,
   * or undefined when the start was abandoned (and its row removed). `graceMs` keeps a
   * start that is still in flight elsewhere from being removed under it.
   */
  async settleOne(id: string, graceMs = this.graceMs): Promise<CaseRow | undefined> {
    try {
      await this.client.workflow.getHandle(id).describe();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const row = await this.repo.findOneBy({ id });
      if (row && row.state === 'starting' && Date.now() - row.startedAt.getTime() >= graceMs) {
        await this.repo.delete({ id, state: 'starting' });
        this.services.log.info({ caseId: id }, 'removed a case start that never reached Temporal');
        return undefined;
      }
      if (row?.state === 'starting') throw new ConflictError('case_starting', `case '${id}' is being started; retry in a few seconds`);
      return row ?? undefined;
    }
    await this.markStarted(id, null);
    return (await this.repo.findOneBy({ id })) ?? undefined;
  }

  /** Settles every 'starting' row older than the grace period; answers how many it resolved. */
  async settleAbandoned(): Promise<number> {
    const rows = await this.repo.find({ select: { id: true }, where: { state: 'starting', startedAt: LessThan(new Date(Date.now() - this.graceMs)) }, take: 500 });
    let settled = 0;
    for (const { id } of rows) {
      try {
        await this.settleOne(id);
        settled++;
      } catch (err) {
        this.services.log.warn({ caseId: id, err: (err as Error).message }, 'could not settle a case start yet');
      }
    }
    return settled;
  }
}
