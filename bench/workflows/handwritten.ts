/**
 * The benchmark's baseline: the same 5-step process as bench/interpreter.bench.ts
 * (three activities, a gateway, an end), written by hand as a Temporal workflow.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ActivityRequest } from '../../workflows/activities';

const { benchStep } = proxyActivities<{ benchStep(req: ActivityRequest): Promise<{ value: number }> }>({
  startToCloseTimeout: 60_000,
  retry: { maximumAttempts: 5, initialInterval: 1000, backoffCoefficient: 2 },
});

export async function handwrittenProcess(input: { x: number }): Promise<{ outcome: string; variables: Record<string, unknown> }> {
  const meta = (nodeId: string) => ({ caseId: workflowInfo().workflowId, processKey: 'bench', version: 1, nodeId, visit: 1 });
  const a = await benchStep({ input: { x: input.x }, meta: meta('a') });
  const b = await benchStep({ input: { x: a.value }, meta: meta('b') });
  const c = b.value > 2 ? await benchStep({ input: { x: b.value }, meta: meta('c') }) : b;
  return { outcome: 'done', variables: { a, b, c } };
}
