/**
 * Where the benchmarks run: the dev server, or the cluster profile (Temporal 1.29.1 on databases
 * of the run's own on the local PostgreSQL), and the scratch folder and databases they leave to
 * be removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../engine/net';
import type { Logger } from '../engine/logger';
import { startCluster } from '../engine/temporal/cluster/cluster';
import { storeFromUrl } from '../engine/temporal/cluster/store';
import { startDevServer } from '../engine/temporal/dev-server';
import { cachedWorkflowBundle } from '../engine/worker/workflow-bundle';
import { WORKFLOWS_PATH } from '../engine/worker/worker';
import { adminSql as admin, adminUrl } from '../test/support/state';

export type BenchTarget = 'dev' | 'cluster';

/** A scratch folder holding the workflow bundle the bench's workers load instead of each bundling it. */
export async function benchDataDir(log: Logger): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-bench-'));
  process.env.TEST_DATA_DIR = dir;
  await cachedWorkflowBundle(WORKFLOWS_PATH, dir, log);
  return dir;
}

/** The dev server, or the cluster on databases named after `name` (pushed to `databases` for the caller to drop). */
export async function startBenchTemporal(target: BenchTarget, name: string, dir: string, databases: string[], log: Logger): Promise<{ address: string; stop(): Promise<void>; pids?(): (number | undefined)[] }> {
  if (target === 'dev') return startDevServer({ namespace: 'default', log });
  databases.push(`${name}_temporal`, `${name}_temporal_visibility`);
  return startCluster({ store: storeFromUrl(databaseUrl(`${name}_temporal`)), namespace: 'default', port: await freePort(), processes: 'one', dir: path.join(dir, 'cluster'), log });
}

/** The admin server's URL with another database. */
export const databaseUrl = (db: string): string => Object.assign(new URL(adminUrl()), { pathname: `/${db}` }).toString();

export async function dropDatabases(databases: string[]): Promise<void> {
  for (const db of databases) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
}
