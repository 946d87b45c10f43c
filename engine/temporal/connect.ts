/**
 * Finds the Temporal server (TEMPORAL_ADDRESS, else the embedded dev server) and
 * connects to it, retrying with backoff while it is unreachable.
 */
import { Client, type Connection } from '@temporalio/client';
import { connectClosable } from './closable-connection';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { retryWithBackoff } from '../net';
import { startDevServer, type DevServer } from './dev-server';
import { tracingClientInterceptors } from '../tracing/temporal';
import { dataConverterFor, type PayloadKey } from './payload-codec';

export interface TemporalTarget {
  address: string;
  uiUrl?: string;
  devServer?: DevServer;
}

/** The address to use; starts the embedded dev server when none is configured. */
export async function resolveTemporal(config: Config, log: Logger, opts: { persistent: boolean }): Promise<TemporalTarget> {
  if (config.temporal.address) return { address: config.temporal.address, uiUrl: config.temporal.uiUrl };
  const devServer = await startDevServer({
    namespace: config.temporal.namespace,
    cli: config.temporal.cli,
    dbFile: opts.persistent ? `${config.dataDir}/temporal.db` : undefined,
    ui: opts.persistent,
    log,
  });
  return { address: devServer.address, uiUrl: devServer.uiUrl, devServer };
}

export async function connectClient(
  address: string,
  namespace: string,
  log: Logger,
  payloadKeys?: readonly PayloadKey[],
): Promise<{ connection: Connection; client: Client }> {
  const connection = await retryWithBackoff(`Temporal at ${address}`, () => connectClosable({ address, connectTimeout: 3000 }), {
    attempts: 10,
    onRetry: (err, attempt, delayMs) => log.warn({ temporal: address, attempt, delayMs, err: (err as Error).message }, 'Temporal unreachable, retrying'),
  });
  return { connection, client: new Client({ connection, namespace, interceptors: tracingClientInterceptors(), dataConverter: dataConverterFor(payloadKeys) }) };
}
