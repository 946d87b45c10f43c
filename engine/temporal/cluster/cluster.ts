/**
 * A real Temporal cluster on PostgreSQL, run by the supervisor: the server built once, its
 * schema created or migrated, its configuration the one template in deploy/temporal, and
 * its process (or one process per service, when asked) restarted with backoff when it exits.
 * The namespace and the engine's search attributes are registered before it counts as up.
 */
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '../../logger';
import { retryWithBackoff } from '../../net';
import { combineParts } from '../../supervisor/part-group';
import { RestartingProcess, type PartState } from '../../supervisor/restarting-process';
import { writable } from '../dev-server';
import { ensureServerBinaries } from './binaries';
import { startPastMetadataRace } from './metadata-race';
import { ensureNamespace } from './namespace';
import { setUpSchema } from './schema';
import { choosePorts, SERVICES, type Service } from './ports';
import { serverArgs, serverEnv } from './server-config';
import type { TemporalStore } from './store';

export interface ClusterOptions {
  store: TemporalStore;
  namespace: string;
  /** The frontend's gRPC port (TEMPORAL_PORT). */
  port: number;
  /** All services in one process, or frontend, history, matching and worker in one each. */
  processes: 'one' | 'per-service';
  /** The server's log files go here. */
  dir: string;
  log: Logger;
  /** Told when the server goes down and comes back, as the part 'temporal' (health reports it). */
  onState?: (state: PartState) => void;
}

export interface Cluster {
  address: string;
  /** Prometheus endpoints of the server's processes. */
  metricsUrls: string[];
  /** The server processes now (they change when restarted). */
  pids(): (number | undefined)[];
  stop(): Promise<void>;
}

/** The frontend answers, which it does only once it has joined the cluster's membership. */
async function frontendServing(address: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.getSystemInfo({});
  } finally {
    await connection.close();
  }
}

function accepting(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', timeout: 1000 }, () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer on port ${port}`));
    });
  });
}

/** Waits for `check`, or fails as soon as the process is gone. */
function readyWhen(check: () => Promise<void>, what: string) {
  return (child: { exitCode: number | null; signalCode: NodeJS.Signals | null }) =>
    retryWithBackoff(what, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('the server exited');
      await check();
    }, { attempts: 60, initialMs: 200, maxMs: 1000 });
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const { log } = opts;
  const { server, sqlTool, schemaDir } = await ensureServerBinaries(log);
  await setUpSchema(sqlTool, schemaDir, opts.store, log);
  fs.mkdirSync(opts.dir, { recursive: true });
  const ports = await choosePorts(opts.port, path.join(opts.dir, 'ports.json'));
  const address = `127.0.0.1:${opts.port}`;

  const states = new Map<string, PartState>();
  const report = (state: PartState) => {
    states.set(state.name, state);
    opts.onState?.(combineParts('temporal', [...states.values()]));
  };
  const processFor = (service?: Service) => {
    const name = service ? `temporal-${service}` : 'temporal';
    const frontend = !service || service === 'frontend';
    // The worker service serves no gRPC; every service listens on its membership port once it has joined the ring.
    const membershipPort = ports.services[service ?? 'frontend'].membership;
    return new RestartingProcess({
      name,
      command: server,
      args: serverArgs(service),
      env: serverEnv(opts.store, ports, path.join(opts.dir, `${name}.log`), service),
      output: 'tail',
      // Ctrl-C must not reach it: it stops when told, after the workers it serves have drained.
      detached: true,
      log,
      onState: report,
      ready: frontend ? readyWhen(() => frontendServing(address), `Temporal frontend at ${address}`) : readyWhen(() => accepting(membershipPort), `Temporal ${service}`),
      liveness: { check: frontend ? () => writable(address, opts.namespace) : () => accepting(membershipPort), everyMs: 15_000, failures: 3 },
    });
  };
  const processes = opts.processes === 'one' ? [processFor()] : SERVICES.map((s) => processFor(s));
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  try {
    const started = Date.now();
    // Together: the services wait for each other through the membership ring.
    await Promise.all(processes.map((p) => startPastMetadataRace(p)));
    await ensureNamespace(address, opts.namespace, log);
    log.info({ address, processes: processes.length, ms: Date.now() - started }, 'Temporal cluster started');
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message} (the server's log: ${opts.dir})`);
  }
  const metricsPorts = opts.processes === 'one' ? [ports.services.frontend.metrics] : SERVICES.map((s) => ports.services[s].metrics);
  return {
    address,
    metricsUrls: metricsPorts.map((p) => `http://127.0.0.1:${p}/metrics`),
    pids: () => processes.map((p) => p.pid),
    stop,
  };
}
