/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM, in-process)
 * behind pglite-socket, so TypeORM talks to it through the ordinary `pg` driver
 * and the app has one SQL dialect everywhere. pglite-socket serialises queries
 * from all connections onto the single PGlite session.
 */
import fs from 'node:fs';
import type { Logger } from '../logger';
import { freePort } from '../net';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string | undefined, log: Logger): Promise<EmbeddedPostgres> {
  // Both packages are ESM-first; load them lazily so a deployment on a real PostgreSQL never pays for the WASM.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  log.info({ port, dataDir: dataDir ?? 'memory' }, 'embedded PostgreSQL (PGlite) started');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
