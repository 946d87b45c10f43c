/**
 * The production build: the server compiled to JavaScript with its workflow bundle, started
 * from there with plain node (as the image does: no tsx, no TypeScript), as an API and a worker
 * on the suite's Temporal and database. It starts in seconds, answers health, and runs a case
 * on the bundle built in advance.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../engine/build/server-build';
import { PREBUILT_BUNDLE_NAME } from '../engine/worker/workflow-bundle';
import { eventually } from './support/app';
import { TEST_ADMIN_PASSWORD } from './support/callers';
import { completeWaitingCase, json, waitingCase } from './support/http-cases';
import { freePort, SHARED_NAMESPACE_ENV, waitForOutput } from './support/os-processes';

jest.setTimeout(180_000);

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-build-'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-build-data-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function fromBuild(mode: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [path.join(out, 'app', 'main.js'), mode], {
    cwd: out,
    env: { ...process.env, ...SHARED_NAMESPACE_ENV, TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS, DATABASE_URL: process.env.TEST_DATABASE_URL, DATA_DIR: dataDir, SEED: 'false', LOG_LEVEL: 'info', ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

test('the build holds JavaScript only, and the API and a worker started from it serve a case within seconds', async () => {
  const { ms } = await buildServer(out);
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const built = files(out).map((f) => path.relative(out, f));
  expect(built).toEqual(expect.arrayContaining(['app/main.js', 'engine/supervisor/supervisor.js', 'domain/library/processes/arrival-screening.json', 'deploy/temporal/server.yaml', PREBUILT_BUNDLE_NAME]));
  expect(built.filter((f) => f.endsWith('.ts') || /\.test\./.test(f))).toEqual([]);
  expect(ms).toBeLessThan(60_000);
  // As in the image: the production dependencies and the built editor sit beside the build.
  fs.symlinkSync(path.resolve(__dirname, '../node_modules'), path.join(out, 'node_modules'));
  fs.mkdirSync(path.join(out, 'dist'));
  fs.symlinkSync(path.resolve(__dirname, '../dist/editor'), path.join(out, 'dist', 'editor'));

  const taskQueue = `build-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const started = Date.now();
  const api = fromBuild('api', { PORT: String(port), TEMPORAL_TASK_QUEUE: taskQueue });
  const worker = fromBuild('worker', { TEMPORAL_TASK_QUEUE: taskQueue });
  const [apiOut, workerOut] = await Promise.all([waitForOutput(api, /epi-flow api started in/, 60_000), waitForOutput(worker, /epi-flow worker started in/, 60_000)]);
  // What makes a start from the build quick is that nothing is compiled or bundled at start (the
  // output is checked below); the bound only catches a start that went back to minutes. A loaded
  // CI machine took 18 s, so it is no tighter than 45 s.
  const seconds = (Date.now() - started) / 1000;
  expect(seconds).toBeLessThan(45);
  // The worker loaded the bundle of the build: it did not bundle the workflow code at start.
  expect(workerOut).not.toMatch(/bundling the workflow code/);
  expect(apiOut).not.toMatch(/"level":50/);

  const base = `http://127.0.0.1:${port}`;
  await eventually(async () => ((await json(`${base}/api/health`)).status === 200 ? true : undefined), 20_000, 'health to be ok');
  await completeWaitingCase(await waitingCase(base, `build-${randomBytes(3).toString('hex')}`));
});
