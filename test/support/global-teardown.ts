import fs from 'node:fs';
import { Client as PgClient } from 'pg';
import { adminUrl, type TestState } from './state';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __devServer?: { stop(): Promise<void> } }).__devServer?.stop();
  const state = (globalThis as { __testState?: TestState }).__testState;
  if (!state) return;
  if (state.bundlePath) fs.rmSync(state.bundlePath, { force: true });
  if (state.databaseName) {
    const pg = new PgClient({ connectionString: adminUrl() });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS ${state.databaseName} WITH (FORCE)`);
    await pg.end();
  }
}
