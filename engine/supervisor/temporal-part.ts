/**
 * The Temporal server `npm start` runs when TEMPORAL_ADDRESS names none: the CLI's dev server
 * (TEMPORAL_MODE=dev, SQLite under DATA_DIR) or a cluster on PostgreSQL (TEMPORAL_MODE=cluster).
 */
import path from 'node:path';
import { ConfigError, type Config } from '../config';
import type { Logger } from '../logger';
import { startCluster } from '../temporal/cluster/cluster';
import { storeFromUrl } from '../temporal/cluster/store';
import { startDevServer } from '../temporal/dev-server';
import type { PartState } from './restarting-process';

export interface TemporalPart {
  address: string;
  uiUrl?: string;
  /** The server's own Prometheus endpoints (the cluster's). */
  metricsUrls: string[];
  pids(): (number | undefined)[];
  stop(): Promise<void>;
}

export async function startTemporal(config: Config, log: Logger, onState: (state: PartState) => void): Promise<TemporalPart> {
  const { temporal } = config;
  if (temporal.mode === 'dev') {
    const dev = await startDevServer({ namespace: temporal.namespace, cli: temporal.cli, dbFile: `${config.dataDir}/temporal.db`, ui: true, log, onState });
    return { address: dev.address, uiUrl: dev.uiUrl, metricsUrls: [], pids: () => [dev.pid?.()], stop: () => dev.stop() };
  }
  if (!temporal.databaseUrl) {
    throw new ConfigError('TEMPORAL_MODE=cluster keeps Temporal on a PostgreSQL server: set DATABASE_URL (Temporal then uses its database `temporal` there) or TEMPORAL_DATABASE_URL');
  }
  const cluster = await startCluster({
    store: storeFromUrl(temporal.databaseUrl),
    namespace: temporal.namespace,
    port: temporal.port,
    processes: temporal.serverProcesses,
    dir: path.join(config.dataDir, 'temporal-cluster'),
    log,
    onState,
  });
  return { address: cluster.address, uiUrl: temporal.uiUrl, metricsUrls: cluster.metricsUrls, pids: cluster.pids, stop: cluster.stop };
}
