/**
 * `npm run cluster`: a real Temporal server on the local PostgreSQL, set up from nothing (its
 * two databases, schema, namespace and search attributes), the API and two workers; a case runs
 * through it; Ctrl-C leaves nothing running. Started again with one process per Temporal service,
 * on the same databases: the case is still there, and a new one runs.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client as PgClient } from 'pg';
import { completeWaitingCase, json, signIn, waitingCase } from './support/http-cases';
import { commandOf, descendants, freePort, runMain, survivors, waitForOutput } from './support/os-processes';
import { adminSql as admin, adminUrl } from './support/state';

jest.setTimeout(420_000);

const name = `epiflow_cluster_${randomBytes(3).toString('hex')}`;
const databases = [name, `${name}_temporal`, `${name}_temporal_visibility`];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-cluster-'));

beforeAll(() => admin(`CREATE DATABASE ${name}`));
afterAll(async () => {
  for (const db of databases) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm run cluster` in a terminal of its own; answers the app's URL and the started banner. */
async function startCluster(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; banner: string }> {
  const port = await freePort();
  const dbUrl = new URL(adminUrl());
  dbUrl.pathname = `/${name}`;
  const child = runMain(
    'all',
    {
      TEMPORAL_MODE: 'cluster',
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: dbUrl.toString(),
      TEMPORAL_DATABASE_URL: Object.assign(new URL(dbUrl), { pathname: `/${name}_temporal` }).toString(),
      WORKERS: '2',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED: 'false',
      ...env,
    },
    { terminal: true },
  );
  const banner = await waitForOutput(child, /More workers:.*\n/, 300_000);
  return { child, base: `http://127.0.0.1:${port}`, banner };
}

/** Ctrl-C: every process below the launcher ends, and the launcher exits 0. */
async function pressCtrlC(child: ChildProcess): Promise<void> {
  const tree = descendants(child.pid!);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(-child.pid!, 'SIGINT');
  expect(await exited).toBe(0);
  expect(await survivors(tree, 20_000)).toEqual([]);
}

const serverProcesses = (child: ChildProcess) => descendants(child.pid!).map(commandOf).filter((c) => /temporal-v[\d.]+\/server .* start/.test(c));
const workerProcesses = (child: ChildProcess) => descendants(child.pid!).map(commandOf).filter((c) => /main\.ts worker/.test(c));

let firstCase = '';

test('npm run cluster sets Temporal up on PostgreSQL, runs the API and two workers, a case completes, and Ctrl-C leaves nothing', async () => {
  const { child, base, banner } = await startCluster({});
  try {
    expect(banner).toMatch(/Temporal:\s+127\.0\.0\.1:\d+ \(cluster on PostgreSQL\)/);
    expect(serverProcesses(child)).toHaveLength(1);
    expect(workerProcesses(child)).toHaveLength(2);
    const health = await json(`${base}/api/health`);
    expect(health).toEqual({ status: 200, body: { status: 'ok', temporal: { status: 'ok' }, database: { status: 'ok' }, worker: { status: 'ok' } } });
    firstCase = await waitingCase(base, 'cluster-one');
    await completeWaitingCase(firstCase);
    await pressCtrlC(child);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
  // Temporal kept its data in the two databases the SQL tool created beside the app's.
  const pg = new PgClient({ connectionString: adminUrl() });
  await pg.connect();
  const { rows } = await pg.query('SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY datname', [databases]);
  await pg.end();
  expect(rows.map((r) => r.datname)).toEqual([...databases].sort());
});

test('TEMPORAL_SERVER_PROCESSES=per-service: frontend, history, matching and worker each in a process, on the same data', async () => {
  expect(firstCase).not.toBe('');
  const { child, base } = await startCluster({ TEMPORAL_SERVER_PROCESSES: 'per-service' });
  try {
    const services = serverProcesses(child).map((c) => /--service (\w+)/.exec(c)?.[1]);
    expect(services.sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
    // The case of the first run, read from the cluster's PostgreSQL after a restart.
    await signIn(base);
    const before = await json(firstCase.replace(/^http:\/\/[^/]+/, base));
    expect(before.body).toMatchObject({ status: 'completed', processKey: 'cluster-one' });
    await completeWaitingCase(await waitingCase(base, 'cluster-two'));
    await pressCtrlC(child);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
});
