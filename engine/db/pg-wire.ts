/**
 * The few pieces of the PostgreSQL wire protocol (version 3) that the embedded
 * server needs: cutting a client's byte stream into whole messages, seeing where
 * the backend's answer leaves the transaction, and the handful of messages the
 * server writes itself. Everything else passes through as opaque bytes.
 */

/** Untyped request codes a client may send before its startup message. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_MAJOR_3 = 3;
/** PostgreSQL's own limits: a startup packet is at most 10 000 bytes, any message under 1 GiB. */
const MAX_STARTUP_LENGTH = 10_000;
const MAX_MESSAGE_LENGTH = 0x3fff_ffff;

/** Frontend message type bytes the server acts on. */
export const SYNC = 0x53; // 'S'
export const QUERY = 0x51; // 'Q'
export const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'

/** A whole message from a client. `typed` messages keep their header, so they can be forwarded as they came. */
export type FrontendMessage =
  | { kind: 'startup' }
  | { kind: 'encryption-request' }
  | { kind: 'cancel' }
  | { kind: 'typed'; type: number; bytes: Buffer };

/** The client broke the protocol; the connection cannot continue. */
export class ProtocolViolation extends Error {}

/** Cuts a client's byte stream into messages: untyped ones until the startup message, typed ones after it. */
export class FrontendReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private started = false;

  /** Adds received bytes and returns every message they complete. Throws ProtocolViolation on nonsense. */
  push(chunk: Buffer): FrontendMessage[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const messages: FrontendMessage[] = [];
    for (;;) {
      const length = this.nextLength();
      // A large message arriving in many chunks is joined once, when it is complete.
      if (length === undefined || this.size < length) return messages;
      messages.push(this.classify(this.take(length)));
    }
  }

  /** Total length of the next message, or undefined while its header is incomplete. */
  private nextLength(): number | undefined {
    if (this.started) {
      const head = this.peek(5);
      if (!head) return undefined;
      const length = head.readInt32BE(1);
      if (length < 4 || length > MAX_MESSAGE_LENGTH) throw new ProtocolViolation(`invalid message length ${length}`);
      return 1 + length;
    }
    const head = this.peek(8);
    if (!head) return undefined;
    const length = head.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_LENGTH) throw new ProtocolViolation(`invalid startup packet length ${length}`);
    return length;
  }

  private classify(bytes: Buffer): FrontendMessage {
    if (this.started) return { kind: 'typed', type: bytes[0], bytes };
    const code = bytes.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { kind: 'encryption-request' };
    if (code === CANCEL_REQUEST) return { kind: 'cancel' };
    if (code >>> 16 !== PROTOCOL_MAJOR_3) throw new ProtocolViolation(`unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`);
    this.started = true;
    return { kind: 'startup' };
  }

  private peek(n: number): Buffer | undefined {
    if (this.size < n) return undefined;
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.size -= n;
    return all.subarray(0, n);
  }
}

/** A transaction status as ReadyForQuery reports it: idle, in a transaction block, or in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

/**
 * Follows the message boundaries of one backend answer as it streams out, so the
 * server knows whether the answer ended with ReadyForQuery and with which status.
 * The last bytes alone would not do: a binary DataRow can end with the same bytes.
 */
export class ReadyForQueryWatcher {
  /** Header bytes (type and length) of the next message seen so far; a header can straddle two chunks. */
  private readonly header = new Uint8Array(5);
  private headerSeen = 0;
  private bodyLeft = 0;
  private type = 0;
  private readyStatus: TransactionStatus | undefined;

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        if (this.type === READY_FOR_QUERY && this.readyStatus === undefined) this.readyStatus = String.fromCharCode(chunk[i]) as TransactionStatus;
        const step = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= step;
        i += step;
        continue;
      }
      this.header[this.headerSeen++] = chunk[i++];
      if (this.headerSeen === 5) {
        const h = this.header;
        this.type = h[0];
        this.bodyLeft = ((h[1] << 24) | (h[2] << 16) | (h[3] << 8) | h[4]) - 4;
        this.readyStatus = undefined;
        this.headerSeen = 0;
      }
    }
  }

  /** The status if the answer so far ends with a whole ReadyForQuery; undefined while the backend expects more of the same sequence. */
  get status(): TransactionStatus | undefined {
    const complete = this.headerSeen === 0 && this.bodyLeft === 0;
    return complete && this.type === READY_FOR_QUERY ? this.readyStatus : undefined;
  }
}

/** A typed message: its type byte, its length, then `body`. */
export function wireMessage(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

/** A NUL-terminated string, as the protocol spells names, SQL and error fields. */
export const cstring = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf8');

/** A protocol 3.0 startup message carrying `params` (user, database…). */
export function startupMessage(params: Record<string, string>): Buffer {
  const body = Buffer.concat([...Object.entries(params).flatMap(([k, v]) => [cstring(k), cstring(v)]), Buffer.from([0])]);
  const out = Buffer.alloc(8 + body.length);
  out.writeInt32BE(out.length, 0);
  out.writeInt32BE(PROTOCOL_MAJOR_3 << 16, 4);
  body.copy(out, 8);
  return out;
}

/** A simple-protocol Query message. */
export const queryMessage = (sql: string): Buffer => wireMessage('Q', cstring(sql));
/** Ends an extended-protocol sequence (and, after an error, the skipping of its remaining messages). */
export const syncMessage = (): Buffer => wireMessage('S', Buffer.alloc(0));
/** The server's answer to an SSL or GSS encryption request: not supported, carry on in the clear. */
export const NO_ENCRYPTION = Buffer.from('N', 'latin1');

/** An ErrorResponse with the fields a client shows: severity, SQLSTATE code and text. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Buffer {
  return wireMessage('E', Buffer.concat([cstring(`S${severity}`), cstring(`V${severity}`), cstring(`C${code}`), cstring(`M${text}`), Buffer.from([0])]));
}
