/**
 * What /api/health answers: each part's state, checked for real (the database and Temporal
 * each with a read and a write, a worker by its pollers or, under
 * the supervisor, by its process), each within a timeout, so a part that hangs reads
 * as down instead of hanging the check.
 */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { PartState } from './supervisor/restarting-process';

export interface PartHealth {
  status: 'ok' | 'error';
  message?: string;
}

export interface Health {
  status: 'ok' | 'error';
  temporal: PartHealth;
  database: PartHealth;
  worker: PartHealth;
}

const PROBE_TIMEOUT_MS = 3000;

async function probe(fn: () => Promise<unknown>, timeoutMs = PROBE_TIMEOUT_MS): Promise<PartHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { status: 'ok' };
  } catch (err) {
    return { status: 'error', message: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** The supervisor's word on a part it runs, when it is not up. */
function fromSupervisor(parts: PartState[] | undefined, name: string): PartHealth | undefined {
  const part = parts?.find((p) => p.name === name);
  if (!part || part.status === 'up') return undefined;
  return { status: 'error', message: `the ${name} process is ${part.status === 'starting' ? 'restarting' : part.status}${part.lastExit ? ` (last exit: ${part.lastExit.split('\n')[0]})` : ''}` };
}

export async function checkHealth(deps: {
  db: DataSource;
  client: Client;
  namespace: string;
  taskQueue: string;
  temporalAddress: string;
  /** Whether Temporal accepts a write (see write-probe.ts); may answer from a recent probe. */
  temporalWrite: () => Promise<void>;
  parts?: () => PartState[];
}): Promise<Health> {
  const parts = deps.parts?.();
  const [database, temporal, worker] = await Promise.all([
    probe(async () => {
      await deps.db.query('SELECT 1');
      await deps.db.query('INSERT INTO health_beacon (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
    }),
    probe(async () => {
      await deps.client.workflowService.describeNamespace({ namespace: deps.namespace });
      await deps.temporalWrite();
    }).then((h) =>
      h.status === 'ok' ? (fromSupervisor(parts, 'temporal') ?? h) : { ...h, message: `Temporal at ${deps.temporalAddress}: ${h.message}` },
    ),
    fromSupervisor(parts, 'worker') ??
      probe(async () => {
        const res = await deps.client.workflowService.describeTaskQueue({ namespace: deps.namespace, taskQueue: { name: deps.taskQueue }, taskQueueType: 1 });
        if (!res.pollers?.length) throw new Error(`no worker is polling task queue '${deps.taskQueue}'`);
      }),
  ]);
  const ok = database.status === 'ok' && temporal.status === 'ok' && worker.status === 'ok';
  return { status: ok ? 'ok' : 'error', temporal, database, worker };
}

/**
 * A write probe run at most once per `everyMs`: health may be asked every second, and each
 * probe leaves a run in Temporal's visibility. A failure is not cached: the next ask retries.
 */
export function throttled(probeOnce: () => Promise<void>, everyMs: number): () => Promise<void> {
  let lastOk = 0;
  return async () => {
    if (Date.now() - lastOk < everyMs) return;
    await probeOnce();
    lastOk = Date.now();
  };
}
