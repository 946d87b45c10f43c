/**
 * A PostgreSQL server on 127.0.0.1 backed by one PGlite instance, for clients in
 * this process and in others (a worker started on its own joins through the URL).
 * PGlite is one backend session, so the clients take turns on it through the
 * session gate; see client-connection.ts for when a turn ends.
 */
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../logger';
import { ClientConnection, type ServerContext } from './client-connection';
import { PgliteSession } from './pglite-session';
import { SessionGate } from './session-gate';

export interface PgliteServerOptions {
  /** How long a client may hold the session idle (in a transaction) before it is rolled back and disconnected. */
  idleHoldTimeoutMs: number;
  log: Logger;
}

export interface PgliteServer {
  port: number;
  /** Stops accepting, disconnects every client (rolling back what it held) and waits until the session is idle. */
  stop(): Promise<void>;
}

/** Serves `db` on a free loopback port. The caller keeps ownership of `db` and closes it after `stop`. */
export async function servePglite(db: PGlite, opts: PgliteServerOptions): Promise<PgliteServer> {
  const session = new PgliteSession(db);
  const ctx: ServerContext = {
    session,
    gate: new SessionGate<ClientConnection>(),
    greeting: await session.greeting(),
    idleHoldTimeoutMs: opts.idleHoldTimeoutMs,
    log: opts.log,
  };
  const clients = new Set<ClientConnection>();
  let nextId = 1;
  const server = net.createServer((socket) => {
    const client = new ClientConnection(socket, ctx, nextId++);
    clients.add(client);
    void client.finished.then(() => clients.delete(client));
  });
  // Port 0: the OS picks a free port at bind time, so two servers starting together cannot collide.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const leaving = [...clients].map((c) => {
        c.disconnect();
        return c.finished;
      });
      await Promise.all(leaving);
      await closed;
    },
  };
}
