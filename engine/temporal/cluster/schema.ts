/**
 * Creates the cluster's two databases and brings their schema to this server's version with
 * Temporal's own SQL tool and the module's schema files. Every step is a no-op when already
 * done (the tool creates a database only if missing and skips versions already applied), so
 * it runs on every start: a newer server then migrates what an older one left.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Logger } from '../../logger';
import type { TemporalStore } from './store';

function run(sqlTool: string, store: TemporalStore, database: string, args: string[]): Promise<void> {
  const connection = ['--plugin', 'postgres12', '--ep', store.host, '-p', String(store.port), '-u', store.user, '--db', database];
  return new Promise((resolve, reject) => {
    // The password goes by environment, not argv, where ps would show it.
    const child = spawn(sqlTool, [...connection, ...args], { env: { ...process.env, SQL_PASSWORD: store.password }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`temporal-sql-tool ${args[0]} on ${database} failed (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** Creates (if missing) and migrates `store.database` and `store.visibilityDatabase`. */
export async function setUpSchema(sqlTool: string, schemaDir: string, store: TemporalStore, log: Logger): Promise<void> {
  const started = Date.now();
  const parts = [
    { database: store.database, schema: path.join(schemaDir, 'temporal', 'versioned') },
    { database: store.visibilityDatabase, schema: path.join(schemaDir, 'visibility', 'versioned') },
  ];
  for (const { database, schema } of parts) {
    await run(sqlTool, store, database, ['create-database']);
    // Version tables only (0.0); update-schema then applies every versioned step in order.
    await run(sqlTool, store, database, ['setup-schema', '-v', '0.0']);
    await run(sqlTool, store, database, ['update-schema', '-d', schema]);
  }
  log.info({ databases: parts.map((p) => p.database), host: `${store.host}:${store.port}`, ms: Date.now() - started }, 'Temporal schema ready');
}
