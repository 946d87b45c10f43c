/**
 * One Prometheus endpoint per process: the API serves it at GET /metrics, a worker on
 * WORKER_METRICS_PORT. Both answer the engine's metrics and, where the process runs a worker,
 * the Temporal SDK's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import { registry } from './registry';
import { coreMetricsText } from './temporal-runtime';

export const METRICS_CONTENT_TYPE = registry.contentType;

export async function metricsText(): Promise<string> {
  const [ours, core] = await Promise.all([registry.metrics(), coreMetricsText()]);
  return core ? `${ours}\n${core}` : ours;
}

/** A worker's metrics endpoint: GET /metrics on `host:port` (0: a port the OS picks), nothing else. */
export function serveMetrics(port: number, host: string, log: Logger): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; metrics are at /metrics\n');
      return;
    }
    metricsText().then(
      (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
      (err: Error) => {
        log.warn({ err: err.message }, 'metrics could not be read');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new Error(`WORKER_METRICS_PORT ${port} is already in use on ${host}`) : err));
    server.listen(port, host, () =>
      resolve({
        url: `http://${host}:${(server.address() as AddressInfo).port}/metrics`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
