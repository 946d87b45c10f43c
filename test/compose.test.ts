import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { configVariableNames, loadConfig } from '../engine/config';
import { createLogger } from '../engine/logger';
import { ensureServerBinaries } from '../engine/temporal/cluster/binaries';
import { choosePorts } from '../engine/temporal/cluster/ports';
import { CONFIG_DIR, serverEnv } from '../engine/temporal/cluster/server-config';
import { storeFromUrl } from '../engine/temporal/cluster/store';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

interface ComposeService {
  environment?: Record<string, string>;
  healthcheck?: unknown;
  depends_on?: Record<string, unknown>;
  ports?: string[];
  volumes?: string[];
  command?: string[];
}

/** No Docker engine runs here, so the production topology is checked as data. */
const compose = parse(fs.readFileSync(path.resolve(__dirname, '../docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

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

/** deploy/temporal/server.yaml: the one configuration of Temporal, used by compose and by `npm run cluster`. */
describe('the Temporal server template in compose and in npm run cluster', () => {
  const TEMPLATE = path.join(CONFIG_DIR, 'server.yaml');
  const templateVariables = [...fs.readFileSync(TEMPLATE, 'utf8').matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1]);
  const temporal = compose.services.temporal as ComposeService;
  const temporalEnv = temporal.environment ?? {};
  const portsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-ports-'));
  afterAll(() => fs.rmSync(portsDir, { recursive: true, force: true }));

  /** The configuration the server renders from the template with these variables. */
  async function rendered(env: NodeJS.ProcessEnv): Promise<any> {
    const { server } = await ensureServerBinaries(createLogger('warn', 'test'));
    const res = spawnSync(server, ['--config', CONFIG_DIR, '--env', 'server', 'render-config'], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    expect(res.status).toBe(0);
    return parse(res.stdout);
  }

  test('compose mounts the template where its command tells the server to read it', () => {
    const mount = temporal.volumes?.find((v) => v.startsWith('./deploy/temporal/server.yaml:'));
    expect(mount).toBeDefined();
    const inContainer = mount!.split(':')[1];
    const command = (temporal.command ?? []).join(' ');
    expect(command).toContain(`--config ${path.posix.dirname(inContainer)}`);
    expect(command).toContain(`--env ${path.posix.basename(inContainer, '.yaml')}`);
  });

  test('every Temporal variable compose and the cluster set is one the template reads', async () => {
    const schemaEnv = compose.services['temporal-schema'].environment ?? {};
    const clusterEnv = serverEnv(storeFromUrl('postgres://u:p@db.example:5433/t'), await choosePorts(7233, path.join(portsDir, 'a.json')), '/tmp/x.log');
    const set = [...Object.keys(temporalEnv), ...Object.keys(schemaEnv), ...Object.keys(clusterEnv).filter((k) => k.startsWith('TEMPORAL_'))];
    for (const name of set) expect(templateVariables).toContain(name);
    // The schema service creates the databases the server uses.
    expect(schemaEnv.TEMPORAL_DB_NAME).toBe(temporalEnv.TEMPORAL_DB_NAME);
    expect(schemaEnv.TEMPORAL_VISIBILITY_DB_NAME).toBe(temporalEnv.TEMPORAL_VISIBILITY_DB_NAME);
  });

  test('rendered with compose\'s variables, the server uses the postgresql service and serves the address the app is given', async () => {
    const config = await rendered({ ...temporalEnv, TEMPORAL_BROADCAST_ADDRESS: '172.18.0.5' });
    for (const store of Object.values(config.persistence.datastores) as { sql: { connectAddr: string; user: string } }[]) {
      expect(store.sql).toMatchObject({ connectAddr: 'postgresql:5432', user: 'epiflow' });
    }
    expect(config.persistence.datastores['postgres-default'].sql.databaseName).toBe('temporal');
    expect(config.persistence.datastores['postgres-visibility'].sql.databaseName).toBe('temporal_visibility');
    const appAddress = loadConfig(compose.services.api.environment ?? {}).temporal.address!;
    expect(`temporal:${config.services.frontend.rpc.grpcPort}`).toBe(appAddress);
    expect(config.services.frontend.rpc.bindOnIP).toBe('0.0.0.0');
    expect(config.global.membership.broadcastAddress).toBe('172.18.0.5');
  }, 600_000);

  test('rendered with the cluster\'s variables, the server uses the configured database on loopback ports', async () => {
    const ports = await choosePorts(27_233, path.join(portsDir, 'b.json'));
    const config = await rendered(serverEnv(storeFromUrl('postgres://u:p@db.example:5433/t'), ports, '/tmp/temporal.log'));
    expect(config.persistence.datastores['postgres-default'].sql).toMatchObject({ connectAddr: 'db.example:5433', user: 'u', databaseName: 't' });
    expect(config.persistence.datastores['postgres-visibility'].sql.databaseName).toBe('t_visibility');
    expect(config.services.frontend.rpc).toMatchObject({ grpcPort: 27_233, bindOnIP: '127.0.0.1', membershipPort: ports.services.frontend.membership });
    expect(config.services.history.rpc.grpcPort).toBe(ports.services.history.grpc);
    expect(config.log.outputFile).toBe('/tmp/temporal.log');
  }, 600_000);

  test('the setup service registers every search attribute the engine sets, with its type', () => {
    const command = (compose.services['temporal-setup'].command ?? []).join(' ');
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) expect(command).toContain(`--name ${name} --type ${type}`);
  });
});
