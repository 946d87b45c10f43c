/**
 * The platform as separate real processes on a Temporal and a database a test chooses: an API
 * (`npm run api`) and workers (`npm run worker`) on a task queue of their own, as an operator runs
 * them. The fault tests kill some of them; stop() ends whatever is left.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ProcessDefinition, ProcessNode } from '../../workflows/definition/schema';
import { eventually } from './app';
import { json, post } from './http-cases';
import { freePort, runMain, SHARED_NAMESPACE_ENV, waitForOutput } from './os-processes';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export interface AppProcesses {
  base: string;
  api: ChildProcess;
  /** The environment every process got (its queue, Temporal and database), for workers added later. */
  env: NodeJS.ProcessEnv;
  workers: WorkerProcess[];
  addWorker(extra?: NodeJS.ProcessEnv): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/**
 * An API process (with `apiEnv` too) and `workers` worker processes (each with `workerEnv` too) on Temporal at
 * `temporalAddress` and the database at `databaseUrl` (the suite's unless said).
 */
export async function startAppProcesses(opts: { temporalAddress?: string; databaseUrl?: string; workers: number; workerEnv?: NodeJS.ProcessEnv; apiEnv?: NodeJS.ProcessEnv }): Promise<AppProcesses> {
  const env: NodeJS.ProcessEnv = {
    TEMPORAL_ADDRESS: opts.temporalAddress ?? process.env.TEST_TEMPORAL_ADDRESS,
    DATABASE_URL: opts.databaseUrl ?? process.env.TEST_DATABASE_URL ?? '',
    TEMPORAL_TASK_QUEUE: `faults-${randomBytes(4).toString('hex')}`,
    SEED: 'false',
    LOG_LEVEL: 'error',
    ...SHARED_NAMESPACE_ENV,
    // Where the suite's workflow bundle is: workers load it instead of bundling.
    DATA_DIR: process.env.TEST_DATA_DIR,
  };
  const port = await freePort();
  const api = runMain('api', { ...env, ...opts.apiEnv, PORT: String(port) });
  const workers: WorkerProcess[] = [];
  const stop = async () => {
    for (const w of workers) await w.stop().catch(() => undefined);
    await stopChild(api);
  };
  const addWorker = async (extra: NodeJS.ProcessEnv = {}) => {
    const w = await startWorkerProcess({ ...env, ...opts.workerEnv, ...extra });
    workers.push(w);
    return w;
  };
  try {
    // The API migrates the database before the workers use it.
    await waitForOutput(api, /Web app:\s+http/, 90_000);
    await Promise.all(Array.from({ length: opts.workers }, () => addWorker()));
  } catch (err) {
    await stop();
    throw err;
  }
  return { base: `http://127.0.0.1:${port}`, api, env, workers, addWorker, stop };
}

/** Creates and publishes a process through the API at `base` (signed in with signIn). */
export async function publishOver(base: string, def: ProcessDefinition): Promise<void> {
  const created = await post(`${base}/api/processes`, { key: def.key, name: def.name, definition: def });
  if (created.status !== 201) throw new Error(`creating ${def.key}: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await post(`${base}/api/processes/${def.key}/publish`, { comment: 'fault test' });
  if (published.status !== 201) throw new Error(`publishing ${def.key}: ${published.status} ${JSON.stringify(published.body)}`);
}

/**
 * Starts `n` cases of `processKey` (the i-th with `input(i)`), `parallel` at a time, telling `onStarted` each count; answers their ids in order. A 503 (an
 * overloaded database on a busy machine) is retried after a pause, as its Retry-After asks.
 */
export async function startCasesOver(
  base: string,
  processKey: string,
  n: number,
  parallel = 1,
  input = (i: number): Record<string, unknown> => ({ n: i }),
  onStarted: (count: number) => void = () => undefined,
): Promise<string[]> {
  const ids: string[] = new Array(n);
  let next = 0;
  let started = 0;
  const startOne = async (i: number) => {
    for (let tries = 1; ; tries++) {
      const res = await post(`${base}/api/cases`, { processKey, input: input(i) });
      if (res.status === 201) return res.body.caseId as string;
      if (res.status !== 503 || tries === 5) throw new Error(`starting case ${i} of ${processKey}: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      ids[i] = await startOne(i);
      onStarted(++started);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return ids;
}

/**
 * Statuses a case does not stay in: 'stuck' is one too, as a workflow task retried after a fault
 * (the server killed under it) reads as stuck until its next attempt succeeds.
 */
const UNDER_WAY = new Set(['running', 'stuck']);

/** Waits until no case of `ids` is under way; answers each one's status (completed, failed, cancelled...). */
export async function endStatuses(base: string, ids: string[], timeoutMs: number): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  await eventually(
    async () => {
      for (const id of ids) if (statuses.get(id) !== 'completed') statuses.set(id, (await json(`${base}/api/cases/${id}`)).body.status);
      return [...statuses.values()].every((s) => !UNDER_WAY.has(s)) ? true : undefined;
    },
    timeoutMs,
    'every case to end',
  );
  return statuses;
}

/** Waits until every case of `ids` waits in node `nodeId`. */
export async function allWaitingAt(base: string, ids: string[], nodeId: string, timeoutMs = 60_000): Promise<void> {
  await eventually(async () => {
    const states = await Promise.all(ids.map((id) => json(`${base}/api/cases/${id}`)));
    return states.every((s) => s.body.activeNodes?.includes(nodeId)) ? true : undefined;
  }, timeoutMs, `the cases to wait in ${nodeId}`);
}

/** A notify step that tells the district office a case opened. */
export function notifyNode(id: string, extra: Partial<ProcessNode> = {}): ProcessNode {
  return { id, type: 'activity', activity: 'notify', input: { to: "{'type': 'group', 'id': 'district-office'}", template: "'case-opened'" }, ...extra } as ProcessNode;
}
