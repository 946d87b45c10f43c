/**
 * Whether Temporal can write, not only answer: a dev server whose store broke after an
 * unclean stop kept answering reads for minutes while refusing every write. The probe
 * starts a workflow nobody runs under one fixed id (replacing the previous probe's run,
 * which times out by itself), so it costs two writes and leaves one closed run behind.
 */
import type { Client } from '@temporalio/client';

const PROBE_ID = 'epi-flow-write-probe';

export async function probeTemporalWrite(client: Client): Promise<void> {
  await client.workflow.start('epiFlowWriteProbe', {
    workflowId: PROBE_ID,
    taskQueue: PROBE_ID,
    workflowExecutionTimeout: '1 minute',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
  });
}
