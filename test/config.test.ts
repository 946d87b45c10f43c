import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../engine/config';

describe('config', () => {
  test('defaults need no environment at all', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.temporal.address).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect(c.temporal.taskQueue).toBe('epi-flow');
  });

  test.each([
    [{ TEMPORAL_ADDRESS: 'nonsense' }, "TEMPORAL_ADDRESS must be host:port, got 'nonsense'"],
    [{ PORT: '70000' }, "PORT must be a port number (1-65535), got '70000'"],
    [{ DATABASE_URL: 'mysql://u:secret@h/db' }, "DATABASE_URL must be a postgres:// URL, got 'mysql://u:***@h/db'"],
    [{ LOG_LEVEL: 'loud' }, "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'"],
    [{ WORKER_MAX_ACTIVITIES: '0' }, "WORKER_MAX_ACTIVITIES must be a positive integer, got '0'"],
    [{ NOTIFIER: 'webhook' }, "NOTIFIER_WEBHOOK_URL must be set when NOTIFIER is 'webhook'"],
  ])('%j is refused with one line naming the variable and value', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('an empty value counts as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '' }).temporal.address).toBeUndefined();
  });

  test('npm start with a bad value prints the one line and exits 1, starting nothing', () => {
    const root = path.resolve(__dirname, '..');
    const res = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'engine/main.ts', 'all'], {
      cwd: root,
      env: { ...process.env, TEMPORAL_ADDRESS: 'nonsense' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe("TEMPORAL_ADDRESS must be host:port, got 'nonsense'");
  });
});
