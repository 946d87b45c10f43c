import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';

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

async function probe(fn: () => Promise<unknown>, timeoutMs = 3000): Promise<PartHealth> {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { status: 'ok' };
  } catch (err) {
    return { status: 'error', message: (err as Error).message };
  }
}

/**
 * Which part is down. The worker is checked through Temporal: a poller on the
 * task queue seen recently means some worker (here or elsewhere) is serving it.
 */
export async function checkHealth(deps: { db: DataSource; client: Client; namespace: string; taskQueue: string; temporalAddress: string }): Promise<Health> {
  const [database, temporal, worker] = await Promise.all([
    probe(() => deps.db.query('SELECT 1')),
    probe(() => deps.client.workflowService.getSystemInfo({})).then((h) =>
      h.status === 'ok' ? h : { ...h, message: `Temporal at ${deps.temporalAddress}: ${h.message}` },
    ),
    probe(async () => {
      const res = await deps.client.workflowService.describeTaskQueue({ namespace: deps.namespace, taskQueue: { name: deps.taskQueue }, taskQueueType: 1 });
      if (!res.pollers?.length) throw new Error(`no worker is polling task queue '${deps.taskQueue}'`);
    }),
  ]);
  const ok = database.status === 'ok' && temporal.status === 'ok' && worker.status === 'ok';
  return { status: ok ? 'ok' : 'error', temporal, database, worker };
}
