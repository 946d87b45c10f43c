/**
 * Bulk actions by query: the cases a filter of the case list selects, previewed (how many, a
 * sample and what the action would do to each), then acted on by a durable job
 * (workflows/bulk-job.ts) that keeps every case's outcome, kept as a report. The selection is
 * the starter's own case list (their org units only) and is frozen as the job starts; the job
 * belongs to the filter's org unit (else the starter's own), so who may see it is who may see those cases.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { BULK_JOB_WORKFLOW_TYPE, type BulkJobInput } from '../../workflows/bulk-job';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import type { CaseService } from '../cases/case.service';
import type { CaseListQuery } from '../cases/projection/case-list';
import { ConflictError, UserError, ValidationError } from '../errors';
import type { IncidentService } from '../incidents/incident.service';
import { unitForNewCase } from '../orgunits/case-unit';
import { scopeOf } from '../orgunits/scope';
import type { Services } from '../services';
import { z } from 'zod';
import { ACTION_PERMISSION, assess, because, refusedBecause, verdictSchema, type ActionContext, type BulkAction } from './bulk-action';
import { endJob, insertJob, itemCounts, itemRows, jobRow, jobRows, markCancelling, type ItemStatus, type JobRow } from './bulk-job.store';
import { reportCsv } from './report-csv';

/** The most cases one job acts on: a wider filter is refused, to be narrowed or split. */
export const MAX_SELECTION = 10_000;
/** Cases a preview checks one by one. */
const SAMPLE_SIZE = 10;
/** What a preview says of a subprocess the filter matched: the job leaves it out of its selection. */
const SUBPROCESS = { outcome: 'skip' as const, ...because('subprocess', 'a subprocess: acted on through its parent case') };
/** Cases read per page while the selection is frozen (the case list's largest page). */
const SELECTION_PAGE = 500;

/** The preview's answer, declared once: the method's type and the route's OpenAPI response. */
export const bulkPreviewSchema = z.object({
  total: z.number().int().describe('Cases the filter selects (subprocesses included; the job leaves them out)'),
  totalExact: z.boolean(),
  tooMany: z.boolean().describe('More than maxSelection: a job would be refused'),
  maxSelection: z.number().int(),
  sample: z
    .array(verdictSchema.extend({ caseId: z.string(), processKey: z.string(), version: z.number().int(), status: z.string(), currentNodes: z.array(z.string()) }))
    .describe('The first cases of the selection, each with what the action would do to it and why'),
});
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;

export interface BulkRequest {
  filter: CaseListQuery;
  action: BulkAction;
}

export class BulkService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
    private readonly cases: CaseService,
    private readonly incidents: IncidentService,
  ) {}

  /** The caller may take the action on one case (what its single-case route asks): 403 otherwise. */
  private context(action: BulkAction, principal: Principal): ActionContext {
    const needed = ACTION_PERMISSION[action.kind];
    if (!principal.permissions.has(needed)) throw new UserError(403, 'forbidden', `a bulk ${action.kind} needs the permission '${needed}'`);
    return { services: this.services, cases: this.cases, incidents: this.incidents, principal };
  }

  /** How many cases the filter selects, and for a sample of them what the action would do. Acts on nothing. */
  async preview({ filter, action }: BulkRequest, principal: Principal): Promise<BulkPreview> {
    const ctx = this.context(action, principal);
    const page = await this.cases.list({ ...filter, limit: SAMPLE_SIZE, cursor: undefined }, principal);
    const sample: BulkPreview['sample'] = [];
    for (const c of page.items) {
      let verdict;
      if (c.parentId) {
        sample.push({ caseId: c.caseId, processKey: c.processKey, version: c.version, status: c.status, currentNodes: c.currentNodes, ...SUBPROCESS });
        continue;
      }
      try {
        verdict = await assess(ctx, action, c.caseId);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        verdict = { outcome: err.status === 409 ? ('skip' as const) : ('fail' as const), ...refusedBecause(err) };
      }
      sample.push({ caseId: c.caseId, processKey: c.processKey, version: c.version, status: c.status, currentNodes: c.currentNodes, ...verdict });
    }
    return { total: page.total, totalExact: page.totalExact, tooMany: page.total > MAX_SELECTION, maxSelection: MAX_SELECTION, sample };
  }

  /** Freezes the selection and starts the job; answers its id (202). */
  async start({ filter, action, ratePerSecond }: BulkRequest & { ratePerSecond: number }, principal: Principal) {
    this.context(action, principal);
    const orgUnit = await unitForNewCase(this.services.db, principal, await scopeOf(this.services.db, principal), filter.orgUnit).catch((err: unknown) => {
      // The unit comes from the filter here: the problem names it there.
      if (err instanceof UserError) throw new UserError(err.status, err.code, err.message, err.problems?.map((p) => ({ ...p, path: 'body/filter/orgUnit' })));
      throw err;
    });
    const caseIds = await this.select(filter, principal);
    if (caseIds.length === 0) throw new ValidationError('empty_selection', 'the filter selects no case', [{ path: 'body/filter', code: 'empty', message: 'selects no case' }]);
    const id = `bulk-${randomUUID()}`;
    const actor = `${principal.username} via ${id}`;
    const stored = { userId: principal.userId, username: actor, roles: principal.roles, permissions: [...principal.permissions], orgUnits: principal.orgUnits, groups: principal.groups, locale: principal.locale };
    // A business key is personal (the case list matches it only through its hash): the job keeps that one was given, not the key.
    const { limit: _l, cursor: _c, businessKey, ...kept } = filter;
    const shown = businessKey === undefined ? kept : { ...kept, businessKey: '(given)' };
    await insertJob(this.services.db, { id, action, filter: shown, orgUnit, status: 'running', ratePerSecond, startedBy: principal.username, principal: stored }, caseIds);
    const input: BulkJobInput = { jobId: id, ratePerSecond };
    try {
      await this.client.workflow.start(BULK_JOB_WORKFLOW_TYPE, { taskQueue: this.services.config.temporal.taskQueue, workflowId: id, args: [input] });
    } catch (err) {
      // No workflow, no job: a row left 'running' would never move (the caller gets the error, e.g. a 503).
      await endJob(this.services.db, id, 'cancelled', because('job_not_started', 'the job could not be started'));
      throw err;
    }
    await appendAudit(this.services.db, { actor: principal.username, action: 'bulk_start', kind: 'bulk', key: id, detail: { action: action.kind, total: caseIds.length, orgUnit } });
    return { jobId: id, total: caseIds.length };
  }

  /** Every case id the filter selects now (subprocesses left out), in the list's order; refused beyond MAX_SELECTION. */
  private async select(filter: CaseListQuery, principal: Principal): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({ ...filter, limit: SELECTION_PAGE, cursor }, principal);
      if (page.total > MAX_SELECTION || ids.length + page.items.length > MAX_SELECTION) {
        throw new ValidationError('selection_too_large', `the filter selects more than ${MAX_SELECTION} cases: narrow it`, [{ path: 'body/filter', code: 'too_large', message: `selects more than ${MAX_SELECTION} cases` }]);
      }
      ids.push(...page.items.filter((c) => !c.parentId).map((c) => c.caseId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  /** A job the principal may see (its org unit in their scope), else 404. */
  private async job(id: string, principal: Principal): Promise<JobRow> {
    return (await scopeOf(this.services.db, principal)).visible(await jobRow(this.services.db, id), 'bulk job', id);
  }

  private async view(job: JobRow) {
    const { principal: _p, ...rest } = job;
    return { ...rest, counts: await itemCounts(this.services.db, job.id) };
  }

  async list(principal: Principal, limit: number) {
    const rows = await jobRows(this.services.db, (await scopeOf(this.services.db, principal)).unitIds, limit);
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(id: string, principal: Principal) {
    return this.view(await this.job(id, principal));
  }

  /** A page of a job's items in order, of one status when given; `nextAfter` continues it. */
  async items(id: string, q: { status?: ItemStatus; after?: number; limit: number }, principal: Principal) {
    await this.job(id, principal);
    const items = await itemRows(this.services.db, id, { status: q.status, afterSeq: q.after, limit: q.limit });
    return { items, nextAfter: items.length === q.limit ? items[items.length - 1].seq : null };
  }

  /** The job's report: one line per case with its outcome and reason. */
  async report(id: string, principal: Principal): Promise<string> {
    await this.job(id, principal);
    return reportCsv(await itemRows(this.services.db, id, {}));
  }

  /** Stops a running job: no case is taken after this; those not reached are skipped as cancelled. */
  async cancel(id: string, principal: Principal) {
    const job = await this.job(id, principal);
    if (!(await markCancelling(this.services.db, id))) throw new ConflictError('job_not_running', `bulk job '${id}' is ${job.status}`);
    try {
      await this.client.workflow.getHandle(id).cancel();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    await appendAudit(this.services.db, { actor: principal.username, action: 'bulk_cancel', kind: 'bulk', key: id });
    return this.get(id, principal);
  }
}
