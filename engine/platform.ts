/**
 * Brings the platform up in one of three shapes, and down again in reverse order:
 * `all` (API + worker + embedded services, for `npm start`), `api`, or `worker`.
 */
import type { Server } from 'node:http';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { declaredActivities } from './activities';
import type { ActivityDeclaration } from './activities/define';
import { ActivityRegistry } from './activities/registry';
import type { Config } from './config';
import { openDatabase } from './db/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { checkHealth } from './health';
import { startNoticeDispatcher } from './notices/dispatcher';
import { createApp } from './http/app';
import { systemRoutes } from './http/system.routes';
import { instanceRoutes } from './instances/instance.routes';
import { InstanceService } from './instances/instance.service';
import type { Logger } from './logger';
import { processRoutes } from './processes/process.routes';
import { ProcessService } from './processes/process.service';
import { seedBuiltIns } from './seed';
import { createServices, type Services } from './services';
import { taskRoutes } from './tasks/task.routes';
import { TaskService } from './tasks/task.service';
import { connectClient, resolveTemporal } from './temporal/connect';
import type { DevServer } from './temporal/dev-server';
import { cachedWorkflowBundle } from './worker/workflow-bundle';
import { startWorker, WORKFLOWS_PATH, type RunningWorker } from './worker/worker';
import { rulesetRoutes } from './rulesets/ruleset.routes';
import { RulesetService } from './rulesets/ruleset.service';

export type Mode = 'all' | 'api' | 'worker';

export interface PlatformOptions {
  mode: Mode;
  config: Config;
  log: Logger;
  /** Keep Temporal's and PGlite's data under DATA_DIR (npm start); tests run in memory. */
  persistent: boolean;
  workflowBundlePath?: string;
  /** Activities beyond the declared ones (tests add failing or slow steps). */
  extraActivities?: ActivityDeclaration[];
}

export interface Platform {
  url?: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  databaseUrl: string;
  services: Services;
  stop(): Promise<void>;
}

let runtimeInstalled = false;
function installTemporalRuntime(log: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // Temporal's own log lines join ours, at warn and above.
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => log[entry.level === 'ERROR' ? 'error' : 'warn']({ temporal: entry.meta }, entry.message)),
  });
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const { config, log, mode } = opts;
  if (mode === 'worker' && (!config.temporal.address || !config.databaseUrl)) {
    throw new Error('a separate worker joins a running platform: set TEMPORAL_ADDRESS and DATABASE_URL (npm start prints both)');
  }
  installTemporalRuntime(log);
  const stack: { name: string; stop: () => Promise<unknown> }[] = [];
  const stopAll = async () => {
    for (const part of stack.reverse()) {
      try {
        await part.stop();
      } catch (err) {
        log.warn({ part: part.name, err: (err as Error).message }, 'error while stopping');
      }
    }
    stack.length = 0;
  };
  try {
    const temporal = await resolveTemporal(config, log, { persistent: opts.persistent });
    const devServer: DevServer | undefined = temporal.devServer;
    if (devServer) stack.push({ name: 'temporal dev server', stop: () => devServer.stop() });

    let embedded: EmbeddedPostgres | undefined;
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(opts.persistent ? `${config.dataDir}/pglite` : undefined, log);
      const e = embedded;
      stack.push({ name: 'embedded postgres', stop: () => e.stop() });
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const db: DataSource = await openDatabase({ url: databaseUrl, embedded: Boolean(embedded), log });
    stack.push({ name: 'database', stop: () => db.destroy() });

    const services = createServices(config, db, log, new ActivityRegistry([...declaredActivities, ...(opts.extraActivities ?? [])]));
    let worker: RunningWorker | undefined;
    if (mode !== 'api') {
      const workflowBundlePath = opts.workflowBundlePath ?? (opts.persistent ? await cachedWorkflowBundle(WORKFLOWS_PATH, config.dataDir, log) : undefined);
      worker = await startWorker({ address: temporal.address, services, log, workflowBundlePath });
      const w = worker;
      stack.push({ name: 'worker', stop: () => w.shutdown() });
      // Workers also deliver the notices their activities put in the outbox.
      const dispatcher = startNoticeDispatcher(db, services.adapters.notifier, log);
      stack.push({ name: 'notice dispatcher', stop: () => dispatcher.stop() });
    }
    let url: string | undefined;
    if (mode !== 'worker') {
      const { connection, client } = await connectClient(temporal.address, config.temporal.namespace, log, config.payloadKey);
      stack.push({ name: 'temporal client', stop: () => connection.close() });
      if (config.seed) await seedBuiltIns(services);
      const processes = new ProcessService(services);
      const health = () =>
        checkHealth({ db, client, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, temporalAddress: temporal.address });
      const routes = [
        ...systemRoutes(services, processes, health),
        ...processRoutes(processes, services),
        ...instanceRoutes(new InstanceService(services, client)),
        ...taskRoutes(new TaskService(services, client)),
        ...rulesetRoutes(new RulesetService(services)),
      ];
      const server = await listen(createApp(routes, log), config.port, config.host);
      stack.push({ name: 'http server', stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
      const port = (server.address() as { port: number }).port;
      url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    }
    return { url, temporalAddress: temporal.address, temporalUiUrl: temporal.uiUrl, databaseUrl, services, stop: stopAll };
  } catch (err) {
    // Nothing half-started is left behind.
    await stopAll();
    throw err;
  }
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT ${port} is already in use on ${host}: stop the other program or set PORT`) : err);
    });
  });
}
