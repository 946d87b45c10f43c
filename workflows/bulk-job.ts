/**
 * A bulk job (engine/bulk/): one action on a frozen selection of cases, a small batch at a time,
 * each batch an activity that records every item's outcome in PostgreSQL. The workflow holds no
 * case ids, only the job's id: a restarted worker resumes at the first item still pending, and a
 * retried batch skips the items already acted on. Between batches it sleeps long enough that the
 * job keeps to its rate, so live work goes on beside it.
 */
import { CancellationScope, continueAsNew, isCancellation, proxyActivities, sleep } from '@temporalio/workflow';

export const BULK_JOB_WORKFLOW_TYPE = 'bulkJob';

export interface BulkJobInput {
  jobId: string;
  /** Cases acted on per second at the most. */
  ratePerSecond: number;
}

export interface BulkBatchResult {
  /** Items this batch settled (acted on, skipped or failed). */
  processed: number;
  /** Items still pending after it; 0 ends the job. */
  remaining: number;
}

export interface BulkJobActivities {
  /** Acts on up to `limit` pending items of the job, in order; items already settled are never acted on again. */
  runBulkBatch(req: { jobId: string; limit: number }): Promise<BulkBatchResult>;
  /** Records the job's end: completed, or cancelled (its pending items skipped as such). */
  finishBulkJob(req: { jobId: string; status: 'completed' | 'cancelled' }): Promise<void>;
}

const { runBulkBatch } = proxyActivities<BulkJobActivities>({
  // A batch heartbeats after each case: a worker that dies mid-batch is noticed within the heartbeat timeout.
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const { finishBulkJob } = proxyActivities<BulkJobActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });

/** Batches a run takes before it continues as new, so a job of any size keeps a short history. */
const BATCHES_PER_RUN = 200;

/** A batch is about one second of the job's rate, and never more than 20 cases (a batch is one activity attempt). */
const batchSize = (ratePerSecond: number) => Math.max(1, Math.min(20, Math.floor(ratePerSecond)));

export async function bulkJob(input: BulkJobInput): Promise<void> {
  const limit = batchSize(input.ratePerSecond);
  try {
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const { processed, remaining } = await runBulkBatch({ jobId: input.jobId, limit });
      if (remaining === 0) {
        await finishBulkJob({ jobId: input.jobId, status: 'completed' });
        return;
      }
      await sleep(Math.ceil((Math.max(processed, 1) * 1000) / input.ratePerSecond));
    }
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => finishBulkJob({ jobId: input.jobId, status: 'cancelled' }));
    }
    throw err;
  }
  await continueAsNew<typeof bulkJob>(input);
}
