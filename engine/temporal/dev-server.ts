/**
 * The embedded Temporal server: the official CLI's dev server on free ports, kept
 * running (restarted when it exits), or, with neither a CLI nor Go, the SDK's own
 * download of it (needs the internet).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Logger } from '../logger';
import { freePort, retryWithBackoff } from '../net';
import { RestartingProcess, type PartState } from '../supervisor/restarting-process';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { findTemporalCli, goAvailable, installTemporalCli } from './cli';
import { probeTemporalWrite } from './write-probe';

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** The server process now (it changes when the supervisor restarts it); absent for the SDK's server. */
  pid?: () => number | undefined;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** SQLite file for persistence across restarts; in memory when absent. */
  dbFile?: string;
  namespace: string;
  cli?: string;
  ui?: boolean;
  log: Logger;
  /** Told when the server goes down and comes back (health reports it). */
  onState?: (state: PartState) => void;
}

/** Answers once the server serves the namespace (the CLI registers it at start). */
async function serving(address: string, namespace: string, child: ChildProcess): Promise<void> {
  await retryWithBackoff(
    `Temporal dev server at ${address}`,
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('the dev server exited');
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.describeNamespace({ namespace });
      } finally {
        await conn.close();
      }
    },
    { attempts: 40, initialMs: 200, maxMs: 1000 },
  );
}

/** Reads and writes work: a server that only answers reads (a broken store) is as good as down. */
export async function writable(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 3000 });
  try {
    await connection.withDeadline(Date.now() + 5000, () => probeTemporalWrite(new Client({ connection, namespace })));
  } finally {
    await connection.close();
  }
}

/** The CLI's dev server on ports chosen once, so a restart (after it exits or is killed) serves the same address. */
async function startCliServer(cli: string, opts: DevServerOptions): Promise<DevServer> {
  const port = await freePort();
  const uiPort = opts.ui ? await freePort() : undefined;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', opts.namespace, '--log-level', 'error'];
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
  // The Web UI shows raw histories: loopback only, whatever --ip becomes.
  if (uiPort) args.push('--ui-ip', '127.0.0.1', '--ui-port', String(uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  // Task completion uses workflow updates; older servers had them off by default.
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');

  const address = `127.0.0.1:${port}`;
  const server = new RestartingProcess({
    name: 'temporal',
    command: cli,
    args,
    output: 'tail',
    log: opts.log,
    ready: (child) => serving(address, opts.namespace, child),
    onState: opts.onState,
    liveness: { check: () => writable(address, opts.namespace), everyMs: 15_000, failures: 3 },
  });
  await server.start();
  opts.log.info({ address, ui: uiPort ? `http://127.0.0.1:${uiPort}` : undefined, persistent: Boolean(opts.dbFile) }, 'Temporal dev server started');
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    pid: () => server.pid,
    stop: () => server.stop(),
  };
}

/** The SDK's downloaded dev server: the last resort, which needs the internet. */
async function startSdkServer(opts: DevServerOptions): Promise<DevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  opts.log.info('no Temporal CLI and no Go: downloading the dev server through @temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      namespace: opts.namespace,
      dbFilename: opts.dbFile,
      searchAttributes: Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => ({ name, type: type.toUpperCase() })) as never,
    },
  });
  return {
    address: env.address,
    stop: () => env.teardown(),
  };
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  let cli = findTemporalCli(opts.cli);
  if (!cli && goAvailable()) cli = await installTemporalCli(opts.log);
  return cli ? startCliServer(cli, opts) : startSdkServer(opts);
}
