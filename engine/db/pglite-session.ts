/**
 * The one PGlite backend, driven through its raw protocol entry point. The server
 * that owns this object is the PGlite instance's only user, and it calls `run`
 * only from the client that holds the session gate.
 *
 * Why `execProtocolRawStream` and nothing else (PGlite 0.5.14, measured):
 * - `execProtocolRaw` also parses every backend message into a list that is never
 *   cleared: 3 000 queries of 100 kB grew the heap by 340 MB and ran 5× slower.
 * - `execProtocolRawStream` leaves its callback installed after it returns, and a
 *   later `execProtocolRaw`/`exec` would stream into that stale callback. So this
 *   class never mixes the two: even its clean-ups go through `run`.
 */
import type { PGlite } from '@electric-sql/pglite';
import { queryMessage, ReadyForQueryWatcher, startupMessage, syncMessage, type TransactionStatus } from './pg-wire';

/** Where an exchange left the session: a transaction status, or `busy` when the backend expects more of an extended-protocol sequence. */
export type SessionState = TransactionStatus | 'busy';

/**
 * Messages that return the backend to idle from any state a vanished client can
 * leave: Sync ends an extended-protocol sequence (and the skipping of its messages
 * after an error), ROLLBACK ends a transaction (a mere warning when there is none).
 */
const RESET = Buffer.concat([syncMessage(), queryMessage('ROLLBACK')]);

/** The single PGlite backend as the server drives it: greeting, runs of client messages, reset. */
export class PgliteSession {
  /** Set once PGlite has failed: its WASM program may have exited, and a later call would never return. */
  private broken: Error | undefined;

  constructor(private readonly db: PGlite) {}

  /**
   * The greeting every client receives in answer to its startup message
   * (AuthenticationOk, ParameterStatus…, BackendKeyData, ReadyForQuery).
   * Asked once, while the session is idle: PGlite ignores the client's startup
   * parameters (application_name, options) and its greeting reports the shared
   * session's current transaction status, so passing each client's startup
   * through would need the gate and could answer 'T' to a newcomer.
   */
  async greeting(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const state = await this.run(startupMessage({ user: 'postgres', database: 'postgres' }), (chunk) => chunks.push(chunk));
    if (state !== 'I') throw new Error(`PGlite answered the startup message with state ${state}, expected idle`);
    return Buffer.concat(chunks);
  }

  /** Runs whole client messages, streaming PGlite's answer to `onData` (each chunk a copy), and says where the session was left. */
  async run(messages: Uint8Array, onData: (chunk: Buffer) => void): Promise<SessionState> {
    if (this.broken) throw this.broken;
    const watcher = new ReadyForQueryWatcher();
    try {
      await this.db.execProtocolRawStream(messages, {
        onRawData: (data) => {
          watcher.push(data);
          // PGlite reuses the memory behind `data` for its next output.
          onData(Buffer.from(data));
        },
      });
    } catch (err) {
      this.broken = new Error(`the embedded database stopped working: ${(err as Error).message}`);
      throw this.broken;
    }
    return watcher.status ?? 'busy';
  }

  /** Rolls back whatever a departed client left open and returns the session to idle. */
  reset(): Promise<SessionState> {
    return this.run(RESET, () => undefined);
  }
}
