/**
 * The worker's side of the case projection's sink (workflows/case-projection.ts). The SDK runs
 * the sink calls of an activation together, after it and before the workflow task completes; here
 * each case's writes are chained in the order the workflow made them, and the activation waits
 * for them a bounded time only: with the database slow or down, cases keep moving and the writes
 * finish (or fail, logged) behind them; the reconciler repairs what was lost.
 */
import type { InjectedSinks } from '@temporalio/worker';
import type { CaseProjectionSinks } from '../../../workflows/case-projection';
import type { Logger } from '../../logger';
import type { ProjectionStore } from './store';

/** How long an activation waits for its case's projection writes. */
const WAIT_MS = 1_000;

/** The sinks writing to `target`; without one (a replay worker, which the SDK never lets call them), they do nothing. */
export function caseProjectionSinks(target?: { store: ProjectionStore; log: Logger }): InjectedSinks<CaseProjectionSinks> {
  const chains = new Map<string, Promise<void>>();
  const write = (caseId: string, op: (s: ProjectionStore) => Promise<void>): Promise<void> => {
    if (!target) return Promise.resolve();
    const { store, log } = target;
    const next = (chains.get(caseId) ?? Promise.resolve())
      .then(() => op(store))
      .catch((err: unknown) => log.warn({ caseId, err: (err as Error).message }, 'case projection write failed; the reconciler will repair it'));
    chains.set(caseId, next);
    void next.then(() => {
      if (chains.get(caseId) === next) chains.delete(caseId);
    });
    return bounded(next);
  };
  return {
    caseProjection: {
      started: { fn: (info, e) => write(info.workflowId, (s) => s.started(info.workflowId, e)) },
      visited: { fn: (info, v) => write(info.workflowId, (s) => s.visited(info.workflowId, v)) },
      ended: { fn: (info, e) => write(info.workflowId, (s) => s.ended(info.workflowId, e.status, new Date(e.at), e.error)) },
    },
  };
}

function bounded(p: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, WAIT_MS);
  });
  return Promise.race([p, waited]).finally(() => clearTimeout(timer));
}
