/**
 * How the interpreter calls the engine's own activities: a rule decision, opening a task,
 * resolving a subprocess's version. Each is short, idempotent (insert-or-ignore, or a read) and
 * touches only our database, so it runs as a local activity, in the worker that runs the
 * workflow task: one marker in the history instead of an activity's three events and the
 * workflow task that follows its completion, and no round trip through the server.
 * Cases whose history was written with ordinary activities there (no patch marker) keep them,
 * so they replay as they ran.
 */
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { EngineActivities } from '../activities';

export const LOCAL_ENGINE_CALLS_PATCH = 'engine-calls-local';

/** How many attempts an engine call makes before its failure reaches the case. */
export const ENGINE_CALL_ATTEMPTS = 10;

const options = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: ENGINE_CALL_ATTEMPTS, initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;

/** The engine's activities for this call: local in cases with the patch, ordinary in cases from before. */
export function engineCalls(): () => EngineActivities {
  const ordinary = proxyActivities<EngineActivities>(options);
  const local = proxyLocalActivities<EngineActivities>(options);
  return () => (patched(LOCAL_ENGINE_CALLS_PATCH) ? local : ordinary);
}
