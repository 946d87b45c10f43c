/**
 * The worker: runs the interpreter workflow and every registered activity. It
 * scales out by running more of them (`npm run worker`) against one task queue.
 */
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { engineActivities } from '../activities/engine-activities';
import { dataConverterFor } from '../temporal/payload-codec';
import type { Logger } from '../logger';
import { retryWithBackoff } from '../net';
import type { Services } from '../services';

export interface RunningWorker {
  /** RUNNING, DRAINING, STOPPED...: what /api/health reports. */
  state(): string;
  shutdown(): Promise<void>;
}

export const WORKFLOWS_PATH = path.resolve(__dirname, '../../workflows/index.ts');

export async function startWorker(opts: {
  address: string;
  services: Services;
  log: Logger;
  /** A pre-built workflow bundle (tests build one for all workers); otherwise bundled at start. */
  workflowBundlePath?: string;
}): Promise<RunningWorker> {
  const { services, log } = opts;
  const { config } = services;
  const connection = await retryWithBackoff(`Temporal at ${opts.address}`, () => NativeConnection.connect({ address: opts.address }), {
    attempts: 10,
    onRetry: (err, attempt, delayMs) => log.warn({ temporal: opts.address, attempt, delayMs, err: (err as Error).message }, 'worker: Temporal unreachable, retrying'),
  });
  const workflows: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> = opts.workflowBundlePath
    ? { workflowBundle: { codePath: opts.workflowBundlePath } }
    : { workflowsPath: WORKFLOWS_PATH };
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflows,
    activities: { ...services.activities.implementations(services, log), ...engineActivities(services) },
    maxConcurrentActivityTaskExecutions: config.workerMaxActivities,
    shutdownGraceTime: '10 seconds',
    dataConverter: dataConverterFor(config.payloadKey),
  });
  const running = worker.run().catch((err: unknown) => log.error({ err: (err as Error).message }, 'worker stopped with an error'));
  log.info({ taskQueue: config.temporal.taskQueue }, 'worker started');
  return {
    state: () => worker.getState(),
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
