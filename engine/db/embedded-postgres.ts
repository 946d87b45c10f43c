/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM, in-process)
 * served over the PostgreSQL wire protocol on 127.0.0.1, so TypeORM talks to it
 * through the ordinary `pg` driver and the app has one SQL dialect everywhere.
 * PGlite is a single session; the server hands it to one client at a time for a
 * whole transaction (pglite-server.ts), so pooled connections never interleave.
 */
import fs from 'node:fs';
import type { Logger } from '../logger';
import { servePglite } from './pglite-server';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** A client idle in a transaction this long holds up every other client: it is rolled back and disconnected (default 15 s). */
  idleInTransactionTimeoutMs?: number;
}

/** Starts PGlite (persisted in `dataDir`, or in memory) and serves it; `url` is a postgres:// URL any process on this machine can use. */
export async function startEmbeddedPostgres(dataDir: string | undefined, log: Logger, opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  // The package is ESM-first; load it lazily so a deployment on a real PostgreSQL never pays for the WASM.
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = await servePglite(db, { idleHoldTimeoutMs: opts.idleInTransactionTimeoutMs ?? 15_000, log });
  log.info({ port: server.port, dataDir: dataDir ?? 'memory' }, 'embedded PostgreSQL (PGlite) started');
  return {
    url: `postgres://postgres@127.0.0.1:${server.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
