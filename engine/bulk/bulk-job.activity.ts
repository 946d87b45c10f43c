/**
 * The activities behind the bulk job workflow (workflows/bulk-job.ts). A batch acts on the next
 * pending items in order, as the job's starter; each item is claimed before its action and
 * settled after it, so a retried batch or a restarted worker never acts on a case twice.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { BulkJobActivities } from '../../workflows/bulk-job';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { CaseService } from '../cases/case.service';
import { UserError } from '../errors';
import { faultPoint } from '../fault-points';
import { IncidentService } from '../incidents/incident.service';
import type { Services } from '../services';
import { assess, because, perform, refusedBecause, tookEffect, type ActionContext, type BulkAction, type Reason } from './bulk-action';
import { claimItem, endJob, itemCounts, itemRows, jobRow, releaseItem, settleItem, type StoredPrincipal } from './bulk-job.store';

/** The principal a job acts as (see StoredPrincipal). */
export function jobPrincipal(p: StoredPrincipal): Principal {
  return { ...p, permissions: new Set(p.permissions as Permission[]), via: 'token' };
}

const DONE_BEFORE_INTERRUPTION = because('done_before_interruption', 'done before an interruption (found in the audit trail)');
const INTERRUPTED = because('interrupted', 'interrupted while acting; not repeated, so as never to act twice');

type Settled = ['done' | 'skipped' | 'failed', Reason];

/**
 * Checks the case, then acts when the check says so. A refusal of the service is the case's
 * outcome (a 409, e.g. a case that ended meanwhile, is a skip); anything else is thrown, with the
 * item released when nothing was done yet, and left 'acting' (settled on the retry) once the
 * action may have been taken.
 */
async function actOn(ctx: ActionContext, action: BulkAction, caseId: string, release: () => Promise<void>): Promise<Settled> {
  let verdict;
  try {
    verdict = await assess(ctx, action, caseId);
  } catch (err) {
    if (err instanceof UserError) return [err.status === 409 ? 'skipped' : 'failed', refusedBecause(err)];
    await release();
    throw err;
  }
  const { outcome, migration: _m, ...reason } = verdict;
  if (outcome === 'skip') return ['skipped', reason];
  if (outcome === 'fail') return ['failed', reason];
  try {
    return ['done', await perform(ctx, action, caseId)];
  } catch (err) {
    if (err instanceof UserError) return [err.status === 409 ? 'skipped' : 'failed', refusedBecause(err)];
    throw err;
  }
}

export function bulkJobActivities(services: Services): BulkJobActivities {
  const { db } = services;
  return {
    async runBulkBatch({ jobId, limit }) {
      const job = await jobRow(db, jobId);
      if (!job) throw ApplicationFailure.nonRetryable(`bulk job '${jobId}' does not exist`, 'BulkJobMissing');
      const { client } = Context.current();
      const ctx: ActionContext = { services, cases: new CaseService(services, client), incidents: new IncidentService(services, client), principal: jobPrincipal(job.principal) };
      // Items an attempt claimed and never settled (its worker died mid-action): what the services recorded says whether the action happened.
      for (const item of await itemRows(db, jobId, { status: 'acting' })) {
        const happened = await tookEffect(services, job.action, item.caseId, job.principal.username);
        await settleItem(db, jobId, item.seq, happened ? 'done' : 'failed', happened ? DONE_BEFORE_INTERRUPTION : INTERRUPTED);
      }
      let processed = 0;
      for (const item of await itemRows(db, jobId, { status: 'pending', limit })) {
        Context.current().heartbeat(item.seq);
        if (Context.current().cancellationSignal.aborted || (await jobRow(db, jobId))?.status !== 'running') break;
        if (!(await claimItem(db, jobId, item.seq))) continue;
        const [status, reason] = await actOn(ctx, job.action, item.caseId, () => releaseItem(db, jobId, item.seq));
        faultPoint('bulk:after-action');
        await settleItem(db, jobId, item.seq, status, reason);
        processed++;
      }
      return { processed, remaining: (await itemCounts(db, jobId)).pending };
    },

    async finishBulkJob({ jobId, status }) {
      await endJob(db, jobId, status, because('job_cancelled', 'the job was cancelled before it reached this case'));
    },
  };
}
