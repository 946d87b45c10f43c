import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { configVariableNames, loadConfig } from '../engine/config';

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
    [{ PORT: '0' }, "PORT must be a port number (1-65535), got '0'"],
    [{ WORKER_METRICS_PORT: '-1' }, "WORKER_METRICS_PORT must be a port number (1-65535, or 0 for any free port), got '-1'"],
    [{ DATABASE_URL: 'mysql://u:secret@h/db' }, "DATABASE_URL must be a postgres:// URL, got 'mysql://u:***@h/db'"],
    [{ LOG_LEVEL: 'loud' }, "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'"],
    [{ WORKER_MAX_ACTIVITIES: '0' }, "WORKER_MAX_ACTIVITIES must be a positive integer, got '0'"],
    [{ WORKER_CACHED_CASES: '1' }, "WORKER_CACHED_CASES must be an integer of at least 2, got '1'"],
    [{ NOTIFIER: 'webhook' }, "NOTIFIER_WEBHOOK_URL must be set when NOTIFIER is 'webhook'"],
    [{ EXPRESSION_MAX_STEPS: 'lots' }, "EXPRESSION_MAX_STEPS must be a positive integer, got 'lots'"],
    [{ CASE_MAX_VARIABLE_BYTES: '5000000' }, 'CASE_MAX_VARIABLE_BYTES (5000000) must not exceed CASE_MAX_STATE_BYTES (1048576)'],
  ])('%j is refused with one line naming the variable and value', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('WORKER_METRICS_PORT 0 asks for any free port, which the worker binds itself', () => {
    expect(loadConfig({ WORKER_METRICS_PORT: '0' }).workerMetricsPort).toBe(0);
  });

  test('an empty value counts as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '' }).temporal.address).toBeUndefined();
  });

  test('npm start with a bad value prints the one line and exits 1, starting nothing', () => {
    const root = path.resolve(__dirname, '..');
    const res = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'app/main.ts', 'all'], {
      cwd: root,
      env: { ...process.env, TEMPORAL_ADDRESS: 'nonsense' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe("TEMPORAL_ADDRESS must be host:port, got 'nonsense'");
  });
});

test('the README documents every variable the app reads, in its configuration table', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
  expect(configVariableNames.filter((name) => !documented.has(name))).toEqual([]);
});
