/**
 * Once per `npm test`: a fresh PostgreSQL database (dropped at the end), one
 * in-memory Temporal dev server, and one workflow bundle that every test worker
 * reuses. Everything is real; nothing here is mocked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { createLogger } from '../../engine/logger';
import { startDevServer } from '../../engine/temporal/dev-server';
import { WORKFLOWS_PATH } from '../../engine/worker/worker';
import { adminUrl, type TestState } from './state';

/** webpack's per-module report would bury the test output; keep only warnings. */
const quietBundlerLogger = new DefaultLogger('WARN');

export default async function globalSetup(): Promise<void> {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'test');
  const started = Date.now();
  const state: TestState = { databaseName: null, databaseUrl: null };

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

  const server = await startDevServer({ namespace: 'default', log });
  (globalThis as { __devServer?: { stop(): Promise<void> } }).__devServer = server;

  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  // Per run: two suites running at once on one machine must not overwrite each other's bundle.
  const bundlePath = path.resolve(__dirname, `../../.tmp/test-workflow-bundle-${process.pid}.js`);
  fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
  fs.writeFileSync(bundlePath, bundle.code);

  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  if (state.databaseUrl) process.env.TEST_DATABASE_URL = state.databaseUrl;
  (globalThis as { __testState?: TestState }).__testState = { ...state, bundlePath };
  process.stdout.write(`[test] Temporal dev server at ${server.address}; setup took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
