import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configVariableNames, loadConfig } from '../engine/config';

/** No Docker engine runs here, so the production topology is checked as data. */
const compose = parse(fs.readFileSync(path.resolve(__dirname, '../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; healthcheck?: unknown; depends_on?: Record<string, unknown>; ports?: string[] }>;
};

describe('docker-compose.yml', () => {
  test.each(['api', 'worker'])('%s sets only variables the config module reads, and they validate', (name) => {
    const env = compose.services[name].environment ?? {};
    expect(Object.keys(env).length).toBeGreaterThan(0);
    for (const key of Object.keys(env)) expect(configVariableNames).toContain(key);
    expect(() => loadConfig(env)).not.toThrow();
  });

  test.each(['api', 'worker'])('%s points at the temporal and postgresql services', (name) => {
    const config = loadConfig(compose.services[name].environment ?? {});
    expect(config.temporal.address?.split(':')[0]).toBe('temporal');
    expect(new URL(config.databaseUrl!).hostname).toBe('postgresql');
    expect(compose.services.temporal).toBeDefined();
    expect(compose.services.postgresql).toBeDefined();
  });

  test('every long-running service has a healthcheck, and workers can scale (no fixed host port)', () => {
    for (const name of ['postgresql', 'temporal', 'temporal-ui', 'api', 'worker']) expect(compose.services[name].healthcheck).toBeDefined();
    expect(compose.services.worker.ports).toBeUndefined();
  });
});
