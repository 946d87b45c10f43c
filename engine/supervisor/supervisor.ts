/**
 * `npm start`: the embedded services (Temporal's dev server, PGlite) in this process,
 * and the API and the worker each in a process of its own, so a crash in a workflow
 * sandbox or an activity cannot take the API down. Every part is restarted with
 * backoff when it exits; none outlives this process.
 */
import type { ChildProcess } from 'node:child_process';
import { ConfigError, type Config } from '../config';
import { openDatabase } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import type { DomainSchema } from '../domain-module';
import type { Logger } from '../logger';
import { localPayloadKeysFile } from '../privacy/local-secret';
import { StopStack } from '../stop-stack';
import type { FromSupervisor, ToSupervisor } from './parent-link';
import { combineParts } from './part-group';
import { RestartingProcess, type PartState } from './restarting-process';
import { startTemporal } from './temporal-part';

export interface Supervised {
  url: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  databaseUrl: string;
  /** The payload key ring npm start made under DATA_DIR (unset when keys are configured): another worker needs it. */
  payloadKeysFile?: string;
  /** Prometheus endpoints: the API's, each worker's, the Temporal cluster's. */
  metricsUrls: string[];
  /** The parts' processes now, by name (tests kill them). */
  pids(): Record<string, number | undefined>;
  stop(): Promise<void>;
}

/** What the supervisor runs: the entry point that composed the platform, and the domain's schema. */
export interface SupervisorOptions {
  /** The file each part runs with its mode: the entry point's own (main.ts under tsx, main.js once compiled). */
  entry: string;
  /** The database is migrated here, before the parts start: with the domain's migrations too. */
  domain: DomainSchema;
}

/** Resolves on the child's first message of that type. */
function message(child: ChildProcess, type: ToSupervisor['type']): Promise<ToSupervisor> {
  return new Promise((resolve) => {
    const onMessage = (m: ToSupervisor) => {
      if (m?.type !== type) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
  });
}

export async function runSupervisor(config: Config, log: Logger, { entry, domain }: SupervisorOptions): Promise<Supervised> {
  const stack = new StopStack(log);
  const stopAll = () => stack.stopAll();
  const states = new Map<string, PartState>();
  let api: RestartingProcess | undefined;
  const report = (state: PartState) => {
    states.set(state.name, state);
    api?.send({ type: 'parts', parts: [...states.values()] } satisfies FromSupervisor);
  };

  try {
    let temporalAddress = config.temporal.address;
    let temporalUiUrl = config.temporal.uiUrl;
    let temporalPids = (): (number | undefined)[] => [];
    const metricsUrls: string[] = [];
    if (temporalAddress && config.temporal.mode === 'cluster') {
      throw new ConfigError('TEMPORAL_MODE=cluster starts its own server: unset TEMPORAL_ADDRESS (TEMPORAL_PORT sets its port)');
    }
    if (!temporalAddress) {
      const temporal = await startTemporal(config, log, report);
      stack.push('temporal', () => temporal.stop());
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
      temporalPids = temporal.pids;
      metricsUrls.push(...temporal.metricsUrls);
    }
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres(`${config.dataDir}/pglite`, log);
      stack.push('embedded postgres', () => embedded.stop());
      databaseUrl = embedded.url;
    }
    // Migrated once here, before the children start: they then never race to migrate.
    const db = await openDatabase({ url: databaseUrl, embedded: !config.databaseUrl, log, domain });
    await db.destroy();

    // Payloads are encrypted by default here: with no key configured, one kept under DATA_DIR.
    const payloadKeysFile = localPayloadKeysFile(config.dataDir, Boolean(config.payloadKeys));
    // The API links each case to its raw history in the Temporal Web UI.
    const env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl, ...(payloadKeysFile && { PAYLOAD_ENCRYPTION_KEYS_FILE: payloadKeysFile }), ...(temporalUiUrl && { TEMPORAL_UI_URL: temporalUiUrl }) };
    const child = (mode: 'api' | 'worker', name: string, extraEnv: NodeJS.ProcessEnv, onReady?: (m: ToSupervisor) => void) =>
      new RestartingProcess({
        name,
        command: process.execPath,
        args: [...process.execArgv, entry, mode],
        env: { ...env, ...extraEnv },
        ipc: true,
        log,
        onState: mode === 'worker' ? reportWorker : report,
        backoff: { initialMs: 500, maxMs: 10_000 },
        ready: async (c) => {
          const ready = await message(c, 'ready');
          onReady?.(ready);
        },
      });
    const workerStates = new Map<string, PartState>();
    // Health knows one part 'worker': down while any worker process is.
    const reportWorker = (state: PartState) => {
      workerStates.set(state.name, state);
      report(combineParts('worker', [...workerStates.values()]));
    };
    const workers: RestartingProcess[] = [];
    // Unless configured, each worker binds a port the OS picks and says which when ready: a port chosen
    // here was free only until the worker bound it, seconds later, and CI saw another process take it.
    const workerMetricsUrls: string[] = [];
    for (let i = 0; i < config.workers; i++) {
      const metricsPort = config.workerMetricsPort ? config.workerMetricsPort + i : 0;
      const worker = child('worker', config.workers === 1 ? 'worker' : `worker-${i + 1}`, { WORKER_METRICS_PORT: String(metricsPort) }, (m) => {
        workerMetricsUrls[i] = m.metricsUrl ?? workerMetricsUrls[i];
      });
      workers.push(worker);
    }
    // Together: each drains its running activities, for up to its shutdown grace time.
    stack.push('workers', () => Promise.all(workers.map((w) => w.stop())));
    let url = '';
    api = child('api', 'api', {}, (m) => {
      url = m.url ?? url;
    });
    const apiProcess = api;
    stack.push('api', () => apiProcess.stop());
    // All at once: a worker's first start bundles the workflow code, which takes seconds.
    await Promise.all([...workers.map((w) => w.start()), api.start()]);
    report(combineParts('worker', [...workerStates.values()]));
    return {
      url,
      temporalAddress,
      temporalUiUrl,
      databaseUrl,
      payloadKeysFile,
      // A restarted worker may have bound another port: the endpoints as they are now.
      get metricsUrls() {
        return [`${url}/metrics`, ...workerMetricsUrls, ...metricsUrls];
      },
      pids: () => ({
        supervisor: process.pid,
        api: apiProcess.pid,
        ...Object.fromEntries(workers.map((w, i) => [`worker-${i + 1}`, w.pid])),
        ...Object.fromEntries(temporalPids().map((pid, i) => [`temporal-${i + 1}`, pid])),
      }),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
