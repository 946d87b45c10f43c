/**
 * The API's HTTP server: listening, slow-client limits, and a stop that cannot hang.
 * `server.close()` alone waits for every open connection to finish its request, and a client
 * that sends fewer body bytes than its Content-Length (or stalls mid-headers) keeps one open
 * until Node's five-minute request timeout: a stop, or a test's afterAll, would wait as long.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';

/** How long a client may take to send a whole request; a slow or stalled one is cut off (408). */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;
/** How long a stop lets requests in flight finish before their connections are closed. */
const STOP_GRACE_MS = 5_000;

export interface HttpServer {
  port: number;
  stop(): Promise<void>;
}

export function listen(app: Express, port: number, host: string): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, host);
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.once('listening', () => resolve({ port: (server.address() as { port: number }).port, stop: () => stopServer(server) }));
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT ${port} is already in use on ${host}: stop the other program or set PORT`) : err);
    });
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // Keep-alive connections with no request in flight have nothing to finish.
    server.closeIdleConnections();
  });
}
