/**
 * The embedded Temporal server: the official CLI's dev server on free ports, or,
 * with neither a CLI nor Go, the SDK's own download of it (needs the internet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '../logger';
import { freePort, retryWithBackoff } from '../net';
import { findTemporalCli, goAvailable, installTemporalCli } from './cli';
import { SEARCH_ATTRIBUTES } from "../../workflows/search-attributes";

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** SQLite file for persistence across restarts; in memory when absent. */
  dbFile?: string;
  namespace: string;
  cli?: string;
  ui?: boolean;
  log: Logger;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function startCliServer(cli: string, opts: DevServerOptions): Promise<DevServer> {
  const port = await freePort();
  const uiPort = opts.ui ? await freePort() : undefined;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', opts.namespace, '--log-level', 'error'];
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  // Task completion uses workflow updates; older servers had them off by default.
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');

  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const address = `127.0.0.1:${port}`;
  try {
    await retryWithBackoff(
      `Temporal dev server at ${address}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`dev server exited with code ${child.exitCode}: ${stderr.trim()}`);
        const conn = await Connection.connect({ address, connectTimeout: 1000 });
        try {
          await conn.workflowService.describeNamespace({ namespace: opts.namespace });
        } finally {
          await conn.close();
        }
      },
      { attempts: 30, initialMs: 200, maxMs: 1000 },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  opts.log.info({ address, ui: uiPort ? `http://127.0.0.1:${uiPort}` : undefined, persistent: Boolean(opts.dbFile) }, 'Temporal dev server started');
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    async stop() {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
      }
    },
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
