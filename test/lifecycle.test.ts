import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm start` as a user runs it: embedded Temporal dev server and embedded
 * PostgreSQL (PGlite), the URLs printed, SIGTERM stops everything.
 */
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function descendants(pid: number): number[] {
  const out = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).stdout;
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const all: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      all.push(c);
      stack.push(c);
    }
  }
  return all;
}

function commandOf(pid: number): string {
  return spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${seen}`)), timeoutMs);
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ${pattern}; output:\n${seen}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test('npm start on embedded services: health all ok, then SIGTERM leaves no process behind', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-start-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', TEMPORAL_ADDRESS: '', DATABASE_URL: '' };
  const child = spawn(process.execPath, [TSX, 'engine/main.ts', 'all'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const out = await waitForOutput(child, /Temporal Web UI:\s+http:\/\/127\.0\.0\.1:\d+/, 120_000);
    expect(out).toContain(`Web app:          http://127.0.0.1:${port}`);
    const health: unknown = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', temporal: { status: 'ok' }, database: { status: 'ok' }, worker: { status: 'ok' } });
    const processes = (await (await fetch(`http://127.0.0.1:${port}/api/processes`)).json()) as unknown[];
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
});

test('the web port in use: a clear error, exit 1, and the embedded services it started are stopped', async () => {
  const blocker = net.createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-busy-'));
  try {
    const child = spawn(process.execPath, [TSX, 'engine/main.ts', 'all'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent', TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS, DATABASE_URL: process.env.TEST_DATABASE_URL ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
