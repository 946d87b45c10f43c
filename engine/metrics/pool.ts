/** The database connection pool of this process: connections in use, idle, and requests waiting for one. */
import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registry } from './registry';

const pools = new Set<DataSource>();

/** TypeORM's postgres driver keeps its pg Pool as `master`. */
const poolOf = (db: DataSource) => (db.driver as unknown as { master?: Pool }).master;

new Gauge({
  name: 'epi_db_pool_connections',
  help: 'Database pool connections by state (in_use, idle) and requests waiting for one (waiting)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const sum = { in_use: 0, idle: 0, waiting: 0 };
    for (const db of pools) {
      const pool = poolOf(db);
      if (!pool) continue;
      sum.in_use += pool.totalCount - pool.idleCount;
      sum.idle += pool.idleCount;
      sum.waiting += pool.waitingCount;
    }
    for (const [state, n] of Object.entries(sum)) this.set({ state }, n);
  },
});

new Gauge({
  name: 'epi_db_pool_max',
  help: 'Most connections the pools may open',
  registers: [registry],
  collect() {
    this.set([...pools].reduce((n, db) => n + (poolOf(db)?.options.max ?? 0), 0));
  },
});

/** Counts this pool in the gauges until the returned function is called. */
export function watchPool(db: DataSource): () => void {
  pools.add(db);
  return () => pools.delete(db);
}
