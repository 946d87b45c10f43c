/**
 * The worker: runs the interpreter workflow and every registered activity. It
 * scales out by running more of them (`npm run worker`) against one task queue.
 */
import path from 'node:path';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker, type InjectedSinks, type WorkerOptions } from '@temporalio/worker';
import type { CaseMetricsSinks } from '../../workflows/case-metrics';
import type { CaseProjectionSinks } from '../../workflows/case-projection';
import { caseProjectionSinks } from '../cases/projection/sink';
import { ProjectionStore } from '../cases/projection/store';
import { engineActivities } from '../activities/engine-activities';
import { ladderReplanActivities } from '../tasks/ladder-replan';
import { scheduleActivities } from '../schedules/scheduled-start.activity';
import { bulkJobActivities } from '../bulk/bulk-job.activity';
import { dryRunTaskQueue } from '../../workflows/dry-run';
import { dryRunActivities } from './dry-run-activities';
import { dataConverterFor } from '../temporal/payload-codec';
import type { Logger } from '../logger';
import { caseMetricsSinks } from '../metrics/cases';
import { TRACING_WORKFLOW_MODULE, tracingActivityInterceptors, tracingSinks } from '../tracing/temporal';
import { retryWithBackoff } from '../net';
import type { Services } from '../services';
import { cachedCases } from './case-cache';

export interface RunningWorker {
  /** RUNNING, DRAINING, STOPPED...: what /api/health reports. */
  state(): string;
  shutdown(): Promise<void>;
}

/**
 * Waits until Temporal lists this worker among the task queue's pollers: only then is it
 * ready in the sense that matters (health, the supervisor), not merely constructed.
 */
async function polling(connection: NativeConnection, namespace: string, taskQueue: string, identity: string, log: Logger): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const res = await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 }).catch(() => undefined);
    if (res?.pollers?.some((p) => p.identity === identity)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  log.warn({ taskQueue }, 'worker started, but Temporal does not list it as polling yet');
}

/**
 * How long one activation of the workflow sandbox may run before the SDK terminates it (its
 * default is 5 s). A termination that lands inside a promise hook aborts the whole process
 * ("async hook stack has become corrupted"): CI saw it on a machine at load 12, where a case
 * spending its full expression budget (workflows/limits.ts, about 1.2 s on a quiet machine)
 * took over 5 s. The budgets, not this timeout, are what stop a runaway expression; this only
 * has to stay out of their way on a slow machine. The option is honoured by the SDK's option
 * handling (1.24: spread over its defaults) though not in its public type.
 */
const ISOLATE_TIMEOUT = { isolateExecutionTimeout: '60 seconds' } as Partial<WorkerOptions>;

export const WORKFLOWS_PATH = path.resolve(__dirname, '../../workflows/index.ts');
/**
 * The sinks the workflow code calls: a worker registers them, and so does a replay of recorded
 * histories (with no projection to write to: a replay writes nothing).
 */
export function workerSinks(projection?: Parameters<typeof caseProjectionSinks>[0]): InjectedSinks<CaseMetricsSinks & OpenTelemetrySinks & CaseProjectionSinks> {
  return { ...caseMetricsSinks(), ...tracingSinks(), ...caseProjectionSinks(projection) };
}

/** Workflow interceptors bundled with the workflow code (every bundle must list them). */
export const WORKFLOW_INTERCEPTOR_MODULES = [path.resolve(__dirname, '../../workflows/case-metrics.ts'), path.resolve(__dirname, '../../workflows/case-projection.ts'), TRACING_WORKFLOW_MODULE];

/**
 * Libraries the sandbox loads once and shares between its workflows, frozen, instead of loading
 * them again for each workflow as it does every other module. Only a library whose module state
 * no workflow changes belongs here: JSONata (its parser and function library; each compiled
 * expression has an environment of its own). Loaded per workflow, its 0.3 MB of source was
 * evaluated again at every case's start and replay (an instance holds about 0.86 MB of heap in
 * plain Node).
 */
export const SHARED_WORKFLOW_MODULES = ['jsonata'];

/** The workflow code and its interceptors, bundled by webpack (what a worker runs in its sandbox). */
export async function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    preloadModules: SHARED_WORKFLOW_MODULES,
    logger: new DefaultLogger('WARN'),
  });
  return code;
}

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
  const activity = tracingActivityInterceptors();
  // Bundled once for both workers when no bundle is given.
  const workflowBundle = opts.workflowBundlePath ? { codePath: opts.workflowBundlePath } : { code: await bundleWorkflows(WORKFLOWS_PATH) };
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'interceptors'> = { workflowBundle, interceptors: { activity } };
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflows,
    activities: { ...services.activities.implementations(services, log), ...engineActivities(services), ...ladderReplanActivities(services), ...scheduleActivities(services), ...bulkJobActivities(services) },
    sinks: workerSinks({ store: new ProjectionStore(services.db), log }),
    maxConcurrentActivityTaskExecutions: config.workerMaxActivities,
    maxCachedWorkflows: cachedCases(config.workerCachedCases),
    shutdownGraceTime: '10 seconds',
    dataConverter: dataConverterFor(config.payloadKeys),
    ...ISOLATE_TIMEOUT,
  });
  // The sandbox of dry runs (workflows/dry-run.ts): the same workflow code, engine calls that write
  // nothing, no domain activity, and sinks with nowhere to write (no case projection).
  const sandbox = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: dryRunTaskQueue(config.temporal.taskQueue),
    ...workflows,
    activities: dryRunActivities(services),
    sinks: workerSinks(),
    maxConcurrentWorkflowTaskExecutions: 4,
    shutdownGraceTime: '2 seconds',
    dataConverter: dataConverterFor(config.payloadKeys),
    ...ISOLATE_TIMEOUT,
  });
  const stopped = (name: string) => (err: unknown) => log.error({ err: (err as Error).message }, `${name} stopped with an error`);
  const running = Promise.all([worker.run().catch(stopped('worker')), sandbox.run().catch(stopped('dry-run worker'))]);
  await polling(connection, config.temporal.namespace, config.temporal.taskQueue, worker.options.identity, log);
  log.info({ taskQueue: config.temporal.taskQueue }, 'worker started');
  return {
    state: () => worker.getState(),
    async shutdown() {
      for (const w of [worker, sandbox]) if (w.getState() === 'RUNNING') w.shutdown();
      await running;
      await connection.close();
    },
  };
}
