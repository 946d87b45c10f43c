import { Writable } from 'node:stream';
import pino from 'pino';
import { epidemicDomain } from '../../domain';
import { loadConfig } from '../../engine/config';
import { openDatabase } from '../../engine/db/data-source';
import { startPlatform } from '../../engine/platform';

function config(taskQueue: string) {
  return {
    ...loadConfig({ TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: taskQueue, DATABASE_URL: process.env.TEST_DATABASE_URL, SEED: 'false' }),
    port: 0,
  };
}

test('/api/health says which part is down: no worker on the queue, then the database gone', async () => {
  const platform = await startPlatform({ mode: 'api', config: config('health-no-worker'), log: pino({ level: 'silent' }), domain: epidemicDomain, persistent: false });
  try {
    const res = await fetch(`${platform.url}/api/health`);
    const body: any = await res.json();
    expect(body.status).toBe('error');
    expect(body.temporal).toEqual({ status: 'ok' });
    expect(body.database).toEqual({ status: 'ok' });
    expect(body.worker).toEqual({ status: 'error', message: "no worker is polling task queue 'health-no-worker'" });

    await platform.services.db.destroy();
    const down: any = await (await fetch(`${platform.url}/api/health`)).json();
    expect(down.database.status).toBe('error');
    expect(down.database.message).toEqual(expect.any(String));
  } finally {
    await platform.stop();
  }
});

test('an unreachable database is retried with backoff and logged with its address (password hidden)', async () => {
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) }));
  const url = 'postgres://app:s3cret@127.0.0.1:1/nowhere';
  await expect(openDatabase({ url, log, retry: { attempts: 3, initialMs: 50 } })).rejects.toThrow('database at postgres://app:***@127.0.0.1:1/nowhere: gave up after 3 attempts');
  const warnings = lines.map((l) => JSON.parse(l));
  expect(warnings).toHaveLength(2);
  expect(warnings[0]).toMatchObject({ database: 'postgres://app:***@127.0.0.1:1/nowhere', attempt: 1, delayMs: 50, msg: 'database unreachable, retrying' });
  expect(warnings[1]).toMatchObject({ attempt: 2, delayMs: 100 });
  expect(lines.join('')).not.toContain('s3cret');
});
