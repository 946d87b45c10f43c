import pino from 'pino';
import { freePort } from '../net';
import { RestartingProcess } from './restarting-process';

/** A tiny HTTP server in a child process: answers "ok" on the port it is given. */
const SERVER = `require('http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')`;

async function answers(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
  if ((await res.text()) !== 'ok') throw new Error('wrong answer');
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function serverProcess(port: number, extra: Partial<ConstructorParameters<typeof RestartingProcess>[0]> = {}) {
  return new RestartingProcess({
    name: 'probe-server',
    command: process.execPath,
    args: ['-e', SERVER, String(port)],
    output: 'ignore',
    log: pino({ level: 'silent' }),
    backoff: { initialMs: 100, maxMs: 400 },
    ready: async (child) => {
      for (;;) {
        if (child.exitCode !== null) throw new Error('exited');
        try {
          return await answers(port);
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
    ...extra,
  });
}

test('a process that dies is started again, on the same port, and counted', async () => {
  const port = await freePort();
  const proc = serverProcess(port);
  await proc.start();
  try {
    const first = proc.pid!;
    process.kill(first, 'SIGKILL');
    await until(() => proc.current().status === 'up' && proc.pid !== first);
    expect(proc.current()).toMatchObject({ status: 'up', restarts: 1, lastExit: 'killed by SIGKILL' });
    await answers(port);
  } finally {
    await proc.stop();
  }
  expect(proc.current().status).toBe('stopped');
});

test('a process that hangs (stopped, alive) fails its liveness checks and is replaced', async () => {
  const port = await freePort();
  const proc = serverProcess(port, { liveness: { check: () => answers(port), everyMs: 200, failures: 3 } });
  await proc.start();
  try {
    const hung = proc.pid!;
    process.kill(hung, 'SIGSTOP');
    await until(() => proc.current().status === 'up' && proc.pid !== hung);
    expect(proc.current().lastExit).toBe('killed by SIGKILL');
    await answers(port);
  } finally {
    await proc.stop();
  }
});

test('a first start that fails is reported, not retried', async () => {
  const proc = new RestartingProcess({
    name: 'broken',
    command: process.execPath,
    args: ['-e', 'process.exit(3)'],
    output: 'ignore',
    log: pino({ level: 'silent' }),
    ready: () => new Promise(() => undefined),
  });
  await expect(proc.start()).rejects.toThrow(/broken did not start \(exit code 3\)/);
  await new Promise((r) => setTimeout(r, 700));
  expect(proc.current()).toMatchObject({ status: 'down', restarts: 0 });
});
