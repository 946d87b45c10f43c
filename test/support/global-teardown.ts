import fs from 'node:fs';
import { Client as PgClient } from 'pg';
import { adminUrl, TEST_STATE_FILE, type TestState } from './state';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __devServer?: { stop(): Promise<void> } }).__devServer?.stop();
  const state = JSON.parse(fs.readFileSync(TEST_STATE_FILE, 'utf8')) as TestState;
  if (state.databaseName) {
    const pg = new PgClient({ connectionString: adminUrl() });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS ${state.databaseName} WITH (FORCE)`);
    await pg.end();
  }
}
