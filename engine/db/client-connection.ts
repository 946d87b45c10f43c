/**
 * One client of the embedded server, pooled onto the single PGlite session the way
 * pgbouncer's transaction mode pools a server connection: the client takes the
 * session when a message of its arrives and keeps it until PGlite's answer ends
 * with ReadyForQuery 'I'. An extended-protocol sequence up to Sync and a whole
 * BEGIN…COMMIT therefore run with no other client's message in between.
 *
 * As with pgbouncer, session-level state (SET, named prepared statements,
 * session advisory locks, LISTEN) is shared by every client: pg and TypeORM use
 * unnamed statements and transaction-scoped state, which is what this supports.
 */
import type net from 'node:net';
import type { Logger } from '../logger';
import { guardCopyFromStdin } from './copy-guard';
import { errorResponse, FrontendReader, NO_ENCRYPTION, ProtocolViolation, QUERY, SYNC, TERMINATE } from './pg-wire';
import type { PgliteSession } from './pglite-session';
import type { SessionGate } from './session-gate';

/** What every client of one server shares. */
export interface ServerContext {
  session: PgliteSession;
  gate: SessionGate<ClientConnection>;
  greeting: Buffer;
  /** How long a client may hold the session without sending anything before it is rolled back and cut off. */
  idleHoldTimeoutMs: number;
  log: Logger;
}

/** One client socket: frames its messages, runs them on the session in its turns, cleans up after it. */
export class ClientConnection {
  private readonly reader = new FrontendReader();
  /** Typed messages received and not yet run, in order. */
  private readonly pending: { type: number; bytes: Buffer }[] = [];
  private holding = false;
  private pumping = false;
  private ended = false;
  private left = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private markFinished!: () => void;
  /** Settles once the client is gone and the session it held, if any, is idle and released. */
  readonly finished = new Promise<void>((resolve) => (this.markFinished = resolve));

  constructor(
    private readonly socket: net.Socket,
    private readonly ctx: ServerContext,
    readonly id: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A reset or broken pipe is just a client leaving; 'close' follows every 'error'.
    socket.on('error', () => undefined);
    socket.on('close', () => this.end());
  }

  /** Closes the connection from the server's side (server shutdown); the session is restored as for any departure. */
  disconnect(): void {
    this.end();
  }

  private receive(chunk: Buffer): void {
    if (this.ended) return;
    try {
      for (const m of this.reader.push(chunk)) {
        if (m.kind === 'cancel') {
          // A synchronous WASM backend cannot be interrupted; like PostgreSQL, close a cancel connection without an answer.
          this.end();
          return;
        }
        if (m.kind === 'typed') this.pending.push(m);
        else this.socket.write(m.kind === 'startup' ? this.ctx.greeting : NO_ENCRYPTION);
      }
    } catch (err) {
      if (!(err instanceof ProtocolViolation)) throw err;
      this.socket.write(errorResponse('FATAL', '08P01', err.message));
      this.end({ flush: true });
      return;
    }
    if (this.pending.length > 0) {
      this.clearIdleTimer();
      void this.pump();
    }
  }

  /** Runs pending messages one unit at a time, taking the gate whenever the client does not hold it. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.ended && this.pending.length > 0) {
        if (this.pending[0].type === TERMINATE) {
          this.end();
          break;
        }
        if (!this.holding) {
          if (!(await this.ctx.gate.acquire(this))) break;
          this.holding = true;
          if (this.ended) break;
        }
        const state = await this.ctx.session.run(this.takeUnit(), (chunk) => {
          if (!this.socket.destroyed) this.socket.write(chunk);
        });
        if (state === 'I') {
          this.holding = false;
          this.ctx.gate.release(this);
        }
      }
    } catch (err) {
      this.ctx.log.error({ client: this.id, err: (err as Error).message }, 'embedded PostgreSQL failed while running a client message; closing that client');
      this.socket.write(errorResponse('FATAL', 'XX000', (err as Error).message));
      this.end({ flush: true });
    } finally {
      this.pumping = false;
    }
    if (this.ended) await this.leave();
    else if (this.holding) this.armIdleTimer();
  }

  /**
   * Pending messages up to and including the next Sync or Query: the points where
   * the backend answers ReadyForQuery, so the gate can change hands between them.
   */
  private takeUnit(): Buffer {
    let n = 0;
    while (n < this.pending.length && this.pending[n].type !== TERMINATE) {
      const type = this.pending[n++].type;
      if (type === SYNC || type === QUERY) break;
    }
    return Buffer.concat(this.pending.splice(0, n).map(guardCopyFromStdin));
  }

  private armIdleTimer(): void {
    this.idleTimer = setTimeout(() => {
      this.ctx.log.warn(
        { client: this.id, timeoutMs: this.ctx.idleHoldTimeoutMs, waiting: this.ctx.gate.queueLength },
        'embedded PostgreSQL: a client held the session idle in a transaction too long; rolled it back and disconnected it',
      );
      this.socket.write(errorResponse('FATAL', '25P03', 'terminating connection due to idle-in-transaction timeout'));
      this.end({ flush: true });
    }, this.ctx.idleHoldTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** Stops reading from the client at once; the session is restored by `leave` when no message of its is running. */
  private end(opts: { flush?: boolean } = {}): void {
    if (this.ended) return;
    this.ended = true;
    this.clearIdleTimer();
    this.ctx.gate.withdraw(this);
    if (opts.flush) this.socket.destroySoon();
    else this.socket.destroy();
    if (!this.pumping) void this.leave();
  }

  /** Rolls back what the client left open, so the next holder finds an idle session, and passes the gate on. */
  private async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    if (this.holding) {
      this.holding = false;
      const state = await this.ctx.session.reset().catch((err: unknown) => (err as Error).message);
      if (state !== 'I') this.ctx.log.error({ client: this.id, state }, 'embedded PostgreSQL: could not return the session to idle after a client left');
      this.ctx.gate.release(this);
    }
    this.markFinished();
  }
}
