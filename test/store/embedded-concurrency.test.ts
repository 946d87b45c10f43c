/**
 * The embedded database (PGlite behind our session gate) must answer many
 * concurrent clients exactly as a PostgreSQL server does. The same mixed workload
 * runs against both; the gate's own duties (whole extended-protocol sequences and
 * transactions per turn, clean-up after a vanished client, the idle-in-transaction
 * timeout, a clean stop) are then driven on the wire by hand, where pg never goes.
 *
 * With the pglite-socket server this replaced, the same workload (8 clients × 40
 * steps) got 129 wrong answers and 57 errors ("bind message supplies 2 parameters,
 * but prepared statement "" requires 1", "portal "" does not exist", a hung client).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from 'pg';
import { cstring, queryMessage, startupMessage, syncMessage, wireMessage } from '../../engine/db/pg-wire';
import { eventually } from '../support/app';
import { ROOT, withTsxLoader } from '../support/os-processes';
import { scratchDatabase } from '../support/scratch-database';
import { MixedWorkload } from './concurrency-workload';

/** The workload every PostgreSQL must get exactly right; `url` is read when the tests run. */
function mixedWorkloadTests(url: () => string): void {
  test('8 clients doing mixed work get every answer right and the counter is exact', async () => {
    const w = await MixedWorkload.create(url());
    try {
      const run = await w.run({ clients: 8, steps: 60 });
      expect(run.wrongAnswers).toEqual([]);
      expect(run.unexpectedErrors).toEqual([]);
      expect(run.units).toBe(8 * 60);
      // Every unit kind ran: the counts are what make the checks above mean something.
      expect(run.increments).toBe(96);
      expect(run.uniqueWins).toBe(7);
      expect(run.uniqueConflicts).toBe(89);
    } finally {
      await w.drop();
    }
  });

  test('a client killed mid-transaction while holding a row is rolled back, and the others carry on', async () => {
    const w = await MixedWorkload.create(url());
    try {
      const dying = await w.clientDyingInTransaction(300);
      const run = await w.run({ clients: 6, steps: 30 });
      await dying.died;
      expect(run.wrongAnswers).toEqual([]);
      expect(run.unexpectedErrors).toEqual([]);
      expect(await w.state()).toEqual({ counter: run.increments, ledger: run.increments, rolled: 0, wins: run.uniqueWins });
    } finally {
      await w.drop();
    }
  });
}

describe('embedded PostgreSQL: PGlite behind the session gate', () => {
  let embedded: EmbeddedServer;
  beforeAll(async () => {
    embedded = await startEmbeddedServer();
  });
  afterAll(async () => {
    await embedded?.stop();
  });

  mixedWorkloadTests(() => embedded.url);

  test("an extended-protocol sequence runs to its Sync before another client's message", async () => {
    const a = await RawClient.connect(embedded.url);
    const b = await RawClient.connect(embedded.url);
    try {
      // A parses and binds a two-parameter statement and stops short of Execute: it now holds the session.
      a.send(parse('SELECT $1::int + $2::int AS s'), bind(['2', '3']), wireMessage('H', Buffer.alloc(0)));
      await a.until('2');
      // B's whole sequence would replace A's unnamed statement and portal if it ran now.
      b.send(parse('SELECT $1::text AS t'), bind(['b']), execute(), syncMessage());
      await sleep(200);
      expect(b.types()).toEqual([]);
      a.send(execute(), syncMessage());
      const answerA = await a.until('Z');
      expect(dataRows(answerA)).toEqual(['5']);
      expect(readyStatus(answerA)).toBe('I');
      const answerB = await b.until('Z');
      expect(dataRows(answerB)).toEqual(['b']);
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  test('a client that vanishes mid-sequence or mid-transaction leaves nothing behind', async () => {
    const pg = await connect(embedded.url);
    try {
      await pg.query('CREATE TABLE vanish (x int)');

      // After an error the backend skips messages until Sync: the next client would get no answer if the gate did not send one.
      const afterError = await RawClient.connect(embedded.url);
      afterError.send(parse('SELECT no_such_column'), bind([]), wireMessage('H', Buffer.alloc(0)));
      expect(errorCode(await afterError.until('E'))).toBe('42703');
      afterError.destroy();
      expect((await pg.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

      const inTransaction = await RawClient.connect(embedded.url);
      inTransaction.send(queryMessage('BEGIN'), queryMessage('INSERT INTO vanish VALUES (3)'));
      await inTransaction.until('Z', 2);
      // Terminate, not a dropped socket: the transaction it leaves open must be rolled back all the same.
      inTransaction.send(wireMessage('X', Buffer.alloc(0)));
      await inTransaction.closed;

      expect((await pg.query('SELECT count(*)::int AS n FROM vanish')).rows).toEqual([{ n: 0 }]);
      expect((await pg.query('SELECT $1::int AS still_fine', [7])).rows).toEqual([{ still_fine: 7 }]);
    } finally {
      await pg.end();
    }
  });

  test('COPY FROM STDIN, which would end the PGlite program, is refused with 0A000 and the database carries on', async () => {
    const raw = await RawClient.connect(embedded.url);
    try {
      raw.send(queryMessage('BEGIN'), queryMessage('CREATE TABLE copied (x int); COPY copied FROM STDIN'));
      const simple = await raw.until('Z', 2);
      expect(errorCode(simple)).toBe('0A000');
      // As after any error, the transaction is failed, not silently still open.
      expect(readyStatus(simple)).toBe('E');
      raw.send(queryMessage('ROLLBACK'));
      expect(readyStatus(await raw.until('Z'))).toBe('I');
      raw.send(parse('copy copied from stdin'), bind([]), execute(), syncMessage());
      expect(errorCode(await raw.until('Z'))).toBe('0A000');
      raw.send(queryMessage('SELECT 1'));
      expect(dataRows(await raw.until('Z'))).toEqual(['1']);
    } finally {
      raw.destroy();
    }
  });

  test('a new client is greeted at once as idle while another holds a transaction; SSL and cancel requests are answered as PostgreSQL does', async () => {
    const holder = await connect(embedded.url);
    try {
      await holder.query('BEGIN');
      const raw = new RawClient(await socketTo(embedded.url));
      raw.sendRaw(untyped(80877103)); // SSLRequest
      expect((await raw.nextBytes(1)).toString()).toBe('N');
      raw.sendRaw(startupMessage({ user: 'someone', database: 'anything' }));
      const greeting = await raw.until('Z');
      expect(greeting[0].type).toBe('R');
      expect(greeting.filter((m) => m.type === 'S').length).toBeGreaterThan(0);
      expect(readyStatus(greeting)).toBe('I');
      raw.destroy();

      const cancel = new RawClient(await socketTo(embedded.url));
      cancel.sendRaw(untyped(80877102, Buffer.alloc(8)));
      await cancel.closed;
      expect((await holder.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
  });

  test('a client that sends nonsense gets a protocol error and is disconnected', async () => {
    const raw = await RawClient.connect(embedded.url);
    raw.sendRaw(Buffer.from([0x51, 0, 0, 0, 1])); // a Query message claiming a length shorter than its own header
    expect(errorCode(await raw.until('E'))).toBe('08P01');
    await raw.closed;
  });
});

describe('embedded PostgreSQL: idle-in-transaction timeout', () => {
  test('a client idle in a transaction past the timeout is rolled back, disconnected and logged; an idle client outside one is left alone', async () => {
    const server = await startEmbeddedServer({ idleInTransactionTimeoutMs: 300 });
    const idler = await connect(server.url);
    const waiter = await connect(server.url);
    const idle = await connect(server.url);
    const idlerErrors: { code?: string }[] = [];
    idler.on('error', (err) => idlerErrors.push(err as { code?: string }));
    try {
      await waiter.query('CREATE TABLE held (x int)');
      await idle.query('SELECT 1');
      await idler.query('BEGIN');
      await idler.query('INSERT INTO held VALUES (1)');
      // On the one session the idler's row would be visible had the waiter run before the rollback.
      const { rows } = await waiter.query('SELECT count(*)::int AS n FROM held');
      expect(rows).toEqual([{ n: 0 }]);
      await expect(idler.query('COMMIT')).rejects.toThrow();
      expect(idlerErrors.map((e) => e.code)).toContain('25P03');
      // The server's log comes through its stdout, which may arrive after the client's error.
      const logged = await eventually(async () => server.logLines.find((l) => l.level === 40 && String(l.msg).includes('idle in a transaction')), 10_000, 'the warning in the log');
      expect(logged).toMatchObject({ timeoutMs: 300 });
      // Holding no transaction, a pooled connection may sit idle for as long as it likes.
      expect((await idle.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    } finally {
      await Promise.all([idler, waiter, idle].map((c) => c.end().catch(() => undefined)));
      await server.stop();
    }
  });
});

describe('embedded PostgreSQL: stop', () => {
  test('stop disconnects clients mid-transaction and waiting, rolls back, closes the port, and a restart finds only committed data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-stop-'));
    try {
      const first = await startEmbeddedServer({ dataDir });
      const holder = await connect(first.url);
      const waiter = await connect(first.url);
      await holder.query('CREATE TABLE kept (x int)');
      await holder.query('INSERT INTO kept VALUES (1)');
      await holder.query('BEGIN');
      await holder.query('INSERT INTO kept VALUES (2)');
      // Queued behind the holder's transaction when the server stops: it must fail, not run.
      const waiting = waiter.query('INSERT INTO kept VALUES (3)');
      expect(await first.stop()).toBe(0);
      await expect(waiting).rejects.toThrow();
      await expect(holder.query('COMMIT')).rejects.toThrow();
      await expect(connect(first.url)).rejects.toThrow(/ECONNREFUSED/);

      const second = await startEmbeddedServer({ dataDir });
      const reader = await connect(second.url);
      try {
        expect((await reader.query('SELECT x FROM kept ORDER BY x')).rows).toEqual([{ x: 1 }]);
      } finally {
        await reader.end();
        await second.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('server PostgreSQL: the same workload', () => {
  let url: string;
  let dropScratch: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // Under the full jest config the suite's fresh database; run alone, one of our own.
    if (process.env.TEST_DATABASE_URL) {
      url = process.env.TEST_DATABASE_URL;
    } else {
      const scratch = await scratchDatabase();
      url = scratch.url;
      dropScratch = scratch.drop;
    }
  });
  afterAll(async () => {
    await dropScratch?.();
  });

  mixedWorkloadTests(() => url);
});

interface EmbeddedServer {
  url: string;
  /** The server's log lines (warnings and errors), parsed. */
  logLines: Record<string, unknown>[];
  /** SIGTERM, as a process manager stops it; answers the exit code. */
  stop(): Promise<number | null>;
}

/** Every server process a test started, so one that a failed test left running is killed at the end. */
const serverProcesses: ChildProcess[] = [];
afterAll(() => {
  for (const child of serverProcesses) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The embedded server in its own process (see embedded-server-process.ts for why). */
function startEmbeddedServer(opts: { dataDir?: string; idleInTransactionTimeoutMs?: number } = {}): Promise<EmbeddedServer> {
  const args = [opts.dataDir ?? '-', ...(opts.idleInTransactionTimeoutMs ? [String(opts.idleInTransactionTimeoutMs)] : [])];
  const child = spawn(process.execPath, withTsxLoader(path.join(__dirname, 'embedded-server-process.ts'), ...args), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  serverProcesses.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const logLines: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.url === 'string') {
        resolve({
          url: entry.url,
          logLines,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      } else {
        logLines.push(entry);
      }
    });
    void exited.then((code) => reject(new Error(`the embedded server exited with ${code} before it was ready`)));
  });
}

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

function socketTo(url: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname, () => resolve(s));
    s.once('error', reject);
  });
}

interface BackendMessage {
  type: string;
  body: Buffer;
}

/** A client that speaks the wire protocol by hand, to send what pg never would: half a sequence, COPY data, a Terminate mid-transaction, garbage. */
class RawClient {
  private pending = Buffer.alloc(0);
  private messages: BackendMessage[] = [];
  private waiters: (() => void)[] = [];
  /** Settles when the server has closed the connection. */
  readonly closed: Promise<void>;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  /** Connects and completes the startup exchange. */
  static async connect(url: string): Promise<RawClient> {
    const c = new RawClient(await socketTo(url));
    c.sendRaw(startupMessage({ user: 'postgres', database: 'postgres' }));
    await c.until('Z');
    return c;
  }

  send(...messages: Buffer[]): void {
    this.sendRaw(Buffer.concat(messages));
  }

  sendRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Raw bytes, for the one-byte answer to an SSLRequest. */
  async nextBytes(n: number): Promise<Buffer> {
    await this.waitFor(() => this.pending.length >= n);
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    return out;
  }

  /** Waits for the `count`-th message of `type` and returns every message received up to it. */
  async until(type: string, count = 1): Promise<BackendMessage[]> {
    let seen = 0;
    let end = -1;
    await this.waitFor(() => {
      this.parse();
      while (seen < count && end + 1 < this.messages.length) {
        end++;
        if (this.messages[end].type === type) seen++;
      }
      return seen === count;
    });
    return this.messages.splice(0, end + 1);
  }

  /** Types of the messages received and not yet taken. */
  types(): string[] {
    this.parse();
    return this.messages.map((m) => m.type);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private parse(): void {
    while (this.pending.length >= 5 && this.pending.length >= 1 + this.pending.readInt32BE(1)) {
      const length = this.pending.readInt32BE(1);
      this.messages.push({ type: String.fromCharCode(this.pending[0]), body: this.pending.subarray(5, 1 + length) });
      this.pending = this.pending.subarray(1 + length);
    }
  }

  private waitFor(ready: () => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such answer within ${timeoutMs} ms; received ${this.types().join(',')}`)), timeoutMs);
      const check = () => {
        if (ready()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
/** Parse into the unnamed statement, parameter types left to the server. */
const parse = (sql: string) => wireMessage('P', Buffer.concat([cstring(''), cstring(sql), int16(0)]));
/** Bind text parameters to the unnamed portal. */
const bind = (values: string[]) =>
  wireMessage('B', Buffer.concat([cstring(''), cstring(''), int16(0), int16(values.length), ...values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]), int16(0)]));
const execute = () => wireMessage('E', Buffer.concat([cstring(''), int32(0)]));
/** A length-prefixed message without a type byte, as sent before startup. */
function untyped(code: number, rest = Buffer.alloc(0)): Buffer {
  return Buffer.concat([int32(8 + rest.length), int32(code), rest]);
}

/** The first column of each DataRow, as text. */
function dataRows(messages: BackendMessage[]): string[] {
  return messages.filter((m) => m.type === 'D').map((m) => m.body.subarray(6, 6 + m.body.readInt32BE(2)).toString());
}

function readyStatus(messages: BackendMessage[]): string {
  return String.fromCharCode(messages.filter((m) => m.type === 'Z').at(-1)!.body[0]);
}

/** The SQLSTATE of the first ErrorResponse. */
function errorCode(messages: BackendMessage[]): string | undefined {
  const fields = messages.find((m) => m.type === 'E')!.body.toString().split('\0');
  return fields.find((f) => f.startsWith('C'))?.slice(1);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
