/**
 * Gauges read when Prometheus scrapes the API, each from one indexed query under a deadline:
 * open tasks, open cases by process, the outbox's backlog
 * and how long its oldest due notice has waited. Only API processes read them, so a dashboard's
 * sum over every scraped process counts each once. A read that fails leaves its gauge empty for
 * that scrape rather than failing the scrape.
 */
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { NoticeEntity } from '../notices/notice.entity';
import { TaskEntity } from '../tasks/task.entity';
import { registry } from './registry';

export interface StoreSource {
  db: DataSource;
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

scrapedGauge({ name: 'epi_cases_open', help: 'Cases running now, by process (the case projection)', labelNames: ['process'] }, async (gauge, { db }) => {
  // One grouped query over the projection: a visibility count per process key grew with every key
  // ever used, and a database of many processes (the test suite's) passed the scrape's deadline.
  const rows: { key: string; n: number }[] = await db.query(`SELECT process_key AS key, count(*)::int AS n FROM case_projection WHERE status = 'running' GROUP BY process_key`);
  for (const { key, n } of rows) gauge.set({ process: key }, n);
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
