/**
 * Once per `npm test`: a fresh PostgreSQL database (dropped at the end), one Temporal
 * server, and one workflow bundle that every test worker reuses. Everything is real;
 * nothing here is mocked. The Temporal server is the CLI's dev server in memory, or, with
 * TEST_TEMPORAL=cluster (`npm run test:cluster`), the project's own cluster on PostgreSQL
 * (`npm run cluster`'s), in databases of the run's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { createLogger, type Logger } from '../../engine/logger';
import { freePort } from '../../engine/net';
import { startCluster } from '../../engine/temporal/cluster/cluster';
import { storeFromUrl } from '../../engine/temporal/cluster/store';
import { startDevServer } from '../../engine/temporal/dev-server';
import { cachedWorkflowBundle } from '../../engine/worker/workflow-bundle';
import { WORKFLOWS_PATH } from '../../engine/worker/worker';
import { adminUrl, type TestState } from './state';

async function suiteTemporal(log: Logger, state: TestState, dataDir: string): Promise<{ address: string; stop(): Promise<void> }> {
  if (process.env.TEST_TEMPORAL !== 'cluster') return startDevServer({ namespace: 'default', log });
  if (!state.databaseName) throw new Error('TEST_TEMPORAL=cluster keeps Temporal on PostgreSQL, which is not reachable');
  const url = new URL(adminUrl());
  url.pathname = `/${state.databaseName}_temporal`;
  const store = storeFromUrl(url.toString());
  state.temporalDatabases = [store.database, store.visibilityDatabase];
  return startCluster({ store, namespace: 'default', port: await freePort(), processes: 'one', dir: path.join(dataDir, 'temporal-cluster'), log });
}

export default async function globalSetup(): Promise<void> {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'test');
  const started = Date.now();
  // Per run: two suites running at once on one machine must not share the bundle or the cluster's files.
  const dataDir = path.resolve(__dirname, `../../.tmp/test-data-${process.pid}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const state: TestState = { databaseName: null, databaseUrl: null, dataDir };

  const admin = adminUrl();
  const pg = new PgClient({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    const name = `epiflow_test_${Date.now().toString(36)}_${process.pid}`;
    await pg.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    state.databaseName = name;
    state.databaseUrl = url.toString();
    process.stdout.write(`\n[test] PostgreSQL: fresh database ${name} on ${url.host}\n`);
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI and is not reachable at ${admin}: ${(err as Error).message}`);
    process.stdout.write(`\n[test] PostgreSQL not reachable at ${admin} (${(err as Error).message}); using embedded PGlite\n`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  (globalThis as { __testState?: TestState }).__testState = state;

  const server = await suiteTemporal(log, state, dataDir);
  (globalThis as { __devServer?: { stop(): Promise<void> } }).__devServer = server;

  // Where `npm run worker` processes look for it too (test apps start some on the cluster profile).
  const bundlePath = await cachedWorkflowBundle(WORKFLOWS_PATH, dataDir, log);

  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_DATA_DIR = dataDir;
  // Case ids are keyed: every app and process of the suite keys them alike, so tests can compute them.
  process.env.HASH_SECRET ??= 'the suite keys its case ids with this fixed secret';
  if (state.databaseUrl) process.env.TEST_DATABASE_URL = state.databaseUrl;
  const kind = process.env.TEST_TEMPORAL === 'cluster' ? 'cluster on PostgreSQL' : 'dev server';
  process.stdout.write(`[test] Temporal ${kind} at ${server.address}; setup took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
