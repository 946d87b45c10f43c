import fs from 'node:fs';
import { Client as PgClient } from 'pg';
import { adminUrl, type TestState } from './state';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __devServer?: { stop(): Promise<void> } }).__devServer?.stop();
  const state = (globalThis as { __testState?: TestState }).__testState;
  if (!state) return;
  fs.rmSync(state.dataDir, { recursive: true, force: true });
  const databases = [state.databaseName, ...(state.temporalDatabases ?? [])].filter(Boolean);
  if (!databases.length) return;
  const pg = new PgClient({ connectionString: adminUrl() });
  await pg.connect();
  for (const name of databases) await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await pg.end();
}
