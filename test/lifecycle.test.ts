import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { json, signIn } from './support/http-cases';
import { alive, commandOf, descendants, freePort, runMain, waitForOutput } from './support/os-processes';

/**
 * `npm start` as a user runs it: embedded Temporal dev server and embedded
 * PostgreSQL (PGlite), the URLs printed, SIGTERM stops everything.
 */

test('npm start on embedded services: health all ok, then SIGTERM leaves no process behind', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-start-'));
  const port = await freePort();
  const env = { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', TEMPORAL_ADDRESS: '', DATABASE_URL: '' };
  const child = runMain('all', env);
  try {
    const out = await waitForOutput(child, /Temporal Web UI:\s+http:\/\/127\.0\.0\.1:\d+/, 120_000);
    expect(out).toContain(`Web app:          http://127.0.0.1:${port}`);
    const health: unknown = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', temporal: { status: 'ok' }, database: { status: 'ok' }, worker: { status: 'ok' } });
    await signIn(`http://127.0.0.1:${port}`);
    const processes = (await json(`http://127.0.0.1:${port}/api/processes`)).body as unknown[];
    expect(processes.length).toBeGreaterThanOrEqual(6);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
    // The workflow bundle is kept for the next start.
    expect(fs.readdirSync(dataDir).filter((f) => /^workflow-bundle-[0-9a-f]{16}\.js$/.test(f))).toHaveLength(1);

    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Exiting children may take a moment to be reaped; an orphan would still be there after seconds.
    for (let i = 0; i < 50 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(tree.filter(alive).map(commandOf)).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // A first start on a loaded machine may take up to the 120 s its wait allows.
}, 180_000);

test('the web port in use: a clear error, exit 1, and the embedded services it started are stopped', async () => {
  const blocker = net.createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-busy-'));
  try {
    const child = runMain('all', { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent', TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS, DATABASE_URL: process.env.TEST_DATABASE_URL ?? '' });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`PORT ${port} is already in use on 127.0.0.1`);
    expect(descendants(child.pid!)).toEqual([]);
  } finally {
    blocker.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
