/**
 * Gauges read when Prometheus scrapes the API, each from one indexed query (or one visibility
 * count per process), under a deadline: open tasks, open cases by process, the outbox's backlog
 * and how long its oldest due notice has waited. Only API processes read them, so a dashboard's
 * sum over every scraped process counts each once. A read that fails leaves its gauge empty for
 * that scrape rather than failing the scrape.
 */
import type { Client } from '@temporalio/client';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { NoticeEntity } from '../notices/notice.entity';
import { TaskEntity } from '../tasks/task.entity';
import { registry } from './registry';

export interface StoreSource {
  db: DataSource;
  client: Client;
  namespace: string;
}

/** The API platform this process runs (the latest, when a test runs several in turn). */
let source: StoreSource | undefined;

const READ_TIMEOUT_MS = 2000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A gauge set by `read` on each scrape; empty when there is no source or the read fails. */
function scrapedGauge<L extends string>(config: { name: string; help: string; labelNames?: readonly L[] }, read: (gauge: Gauge<L>, s: StoreSource) => Promise<void>): void {
  new Gauge<L>({
    ...config,
    registers: [registry],
    async collect() {
      this.reset();
      if (source) await within(READ_TIMEOUT_MS, read(this, source)).catch(() => undefined);
    },
  });
}

scrapedGauge({ name: 'epi_tasks_open', help: 'Human tasks open now' }, async (gauge, { db }) => {
  gauge.set(await db.getRepository(TaskEntity).countBy({ status: 'open' }));
});

scrapedGauge({ name: 'epi_cases_open', help: 'Cases running now, by process (Temporal visibility)', labelNames: ['process'] }, async (gauge, { db, client, namespace }) => {
  const processes: { key: string }[] = await db.getRepository(CaseEntity).createQueryBuilder('c').select('DISTINCT c.processKey', 'key').getRawMany();
  await Promise.all(
    processes.map(async ({ key }) => {
      const query = `ProcessKey = '${key.replace(/'/g, "\\'")}' AND ExecutionStatus = 'Running'`;
      const { count } = await client.workflowService.countWorkflowExecutions({ namespace, query });
      gauge.set({ process: key }, Number(count ?? 0));
    }),
  );
});

scrapedGauge({ name: 'epi_outbox_pending', help: 'Notices in the outbox not delivered yet' }, async (gauge, { db }) => {
  gauge.set(await db.getRepository(NoticeEntity).countBy({ status: 'pending' }));
});

scrapedGauge({ name: 'epi_outbox_lag_seconds', help: 'How long the oldest notice due for delivery has waited (0: none waits)' }, async (gauge, { db }) => {
  const row = await db
    .getRepository(NoticeEntity)
    .createQueryBuilder('n')
    .select('coalesce(extract(epoch FROM now() - min(n.nextAttemptAt)), 0)::float', 'lag')
    .where(`n.status = 'pending' AND n.nextAttemptAt <= now()`)
    .getRawOne<{ lag: number }>();
  gauge.set(row?.lag ?? 0);
});

/** Reads the gauges from this platform's database and Temporal until the returned function is called. */
export function watchStore(s: StoreSource): () => void {
  source = s;
  return () => {
    if (source === s) source = undefined;
  };
}
