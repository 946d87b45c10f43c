import { DataSource } from 'typeorm';
import type { DomainSchema } from '../domain-module';
import type { Logger } from '../logger';
import { retryWithBackoff } from '../net';
import { platformEntities } from './entities';
import { platformMigrations } from './migrations';

/** Arbitrary, fixed: identifies this app's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK = 7_274_001;

export interface DatabaseOptions {
  url: string;
  /** PGlite cannot install extensions at run time. */
  embedded?: boolean;
  poolSize?: number;
  log: Logger;
  /** The domain's tables and migrations, beside the platform's (none: the platform's only). */
  domain?: DomainSchema;
  /** How hard to try while the server is unreachable (defaults: 8 attempts from 250 ms, doubling). */
  retry?: { attempts: number; initialMs: number };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Connects (retrying with backoff while the server is unreachable) and runs pending migrations. */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: [...platformEntities, ...(opts.domain?.entities ?? [])],
    migrations: [...platformMigrations, ...(opts.domain?.migrations ?? [])],
    migrationsRun: false,
    synchronize: false,
    logging: false,
    uuidExtension: 'pgcrypto',
    installExtensions: !opts.embedded,
    // The same pool for the embedded database as for a server: its session gate gives each connection whole
    // transactions, so extra connections cost a socket and add no interleaving (nor throughput: one session);
    // fewer would move waits from the gate (FIFO, no deadline) into the pool, which fails them after 5 s.
    extra: { max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
  const where = redactUrl(opts.url);
  await retryWithBackoff(`database at ${where}`, () => ds.initialize(), {
    attempts: opts.retry?.attempts ?? 8,
    initialMs: opts.retry?.initialMs ?? 250,
    onRetry: (err, attempt, delayMs) => opts.log.warn({ database: where, attempt, delayMs, err: (err as Error).message }, 'database unreachable, retrying'),
  });
  await migrateExclusively(ds, opts.log);
  return ds;
}

/** API and workers may start together: an advisory lock lets one of them migrate while the others wait. */
async function migrateExclusively(ds: DataSource, log: Logger): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length) log.info({ migrations: ran.map((m) => m.name) }, 'database migrated');
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
