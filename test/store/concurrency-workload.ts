/**
 * One mixed workload that any PostgreSQL must get exactly right, run against the
 * embedded server and a real PostgreSQL server alike (by the concurrency test and
 * the database benchmark). Each client interleaves extended-protocol queries with
 * different parameter counts, read-modify-write increments under SELECT … FOR UPDATE
 * in TypeORM transactions, inserts that collide on a unique key, a transaction that
 * fails and rolls back, and a read of its own committed writes. Every answer is
 * checked; errors other than the unique violations it provokes are collected.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** No answer may take this long; a client whose protocol stream went astray fails instead of hanging. */
const QUERY_TIMEOUT_MS = 10_000;
const UNIQUE_VIOLATION = '23505';
/** Keys the clients compete for: each is inserted once and every later attempt must be a 23505. */
const CONTESTED_KEYS = 7;

export interface WorkloadOptions {
  clients: number;
  /** Steps per client; each step is one unit of one of the five kinds. */
  steps: number;
}

export interface WorkloadRun {
  units: number;
  elapsedMs: number;
  /** Answers that differ from what PostgreSQL must answer (values, row counts, error codes). */
  wrongAnswers: string[];
  /** Errors the workload did not provoke (protocol errors, timeouts, broken connections). */
  unexpectedErrors: string[];
  increments: number;
  uniqueWins: number;
  uniqueConflicts: number;
}

/** Tables of one workload, named per instance so runs on a shared database do not meet. */
export class MixedWorkload {
  private readonly t: { counter: string; ledger: string; unique: string; rolled: string };

  private constructor(readonly url: string) {
    const s = randomBytes(4).toString('hex');
    this.t = { counter: `wl_${s}_counter`, ledger: `wl_${s}_ledger`, unique: `wl_${s}_unique`, rolled: `wl_${s}_rolled` };
  }

  /** Creates the workload's tables on the database at `url`. */
  static async create(url: string): Promise<MixedWorkload> {
    const w = new MixedWorkload(url);
    await withClient(url, async (c) => {
      await c.query(`CREATE TABLE ${w.t.counter} (id int PRIMARY KEY, n int NOT NULL)`);
      await c.query(`CREATE TABLE ${w.t.ledger} (client int NOT NULL, seq int NOT NULL, PRIMARY KEY (client, seq))`);
      await c.query(`CREATE TABLE ${w.t.unique} (key text PRIMARY KEY, client int NOT NULL)`);
      await c.query(`CREATE TABLE ${w.t.rolled} (marker text NOT NULL)`);
    });
    await w.reset();
    return w;
  }

  /** Empties the tables, so rounds of a benchmark start alike. */
  async reset(): Promise<void> {
    await withClient(this.url, async (c) => {
      await c.query(`TRUNCATE ${this.t.counter}, ${this.t.ledger}, ${this.t.unique}, ${this.t.rolled}`);
      await c.query(`INSERT INTO ${this.t.counter} VALUES (1, 0)`);
      await c.query(`INSERT INTO ${this.t.unique} VALUES ('seed', -1)`);
    });
  }

  async drop(): Promise<void> {
    await withClient(this.url, (c) => c.query(`DROP TABLE ${Object.values(this.t).join(', ')}`));
  }

  /** Runs `steps` units on each of `clients` connections at once (plus a TypeORM pool of as many), then checks the final state. */
  async run(opts: WorkloadOptions): Promise<WorkloadRun> {
    const clients = await Promise.all(Array.from({ length: opts.clients }, () => connect(this.url)));
    const ds = new DataSource({ type: 'postgres', url: this.url, extra: { max: opts.clients, query_timeout: QUERY_TIMEOUT_MS } });
    await ds.initialize();
    const run: WorkloadRun = { units: 0, elapsedMs: 0, wrongAnswers: [], unexpectedErrors: [], increments: 0, uniqueWins: 0, uniqueConflicts: 0 };
    try {
      const started = performance.now();
      await Promise.all(clients.map((c, i) => this.client(i, c, ds, opts.steps, run)));
      run.elapsedMs = performance.now() - started;
      await this.checkFinalState(run);
    } finally {
      await ds.destroy();
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    }
    return run;
  }

  /**
   * A client that takes the counter row and adds to it inside a transaction, then
   * loses its socket before COMMIT. Resolves once it holds the row, so increments
   * started afterwards must wait for it; `died` settles when its socket is gone.
   * Its changes must vanish and the waiting clients must carry on.
   */
  async clientDyingInTransaction(holdMs: number): Promise<{ died: Promise<void> }> {
    const c = await connect(this.url);
    await c.query('BEGIN');
    await c.query(`SELECT n FROM ${this.t.counter} WHERE id = 1 FOR UPDATE`);
    await c.query(`UPDATE ${this.t.counter} SET n = n + 1000000 WHERE id = 1`);
    await c.query(`INSERT INTO ${this.t.rolled} VALUES ($1)`, ['killed client']);
    const died = new Promise<void>((resolve) =>
      setTimeout(() => {
        c.connection.stream.destroy();
        resolve();
      }, holdMs),
    );
    return { died };
  }

  /** Increments, rolled-back rows and unique wins as the database holds them now. */
  async state(): Promise<{ counter: number; ledger: number; rolled: number; wins: number }> {
    return withClient(this.url, async (c) => {
      const { rows } = await c.query(
        `SELECT (SELECT n FROM ${this.t.counter} WHERE id = 1) AS counter, (SELECT count(*)::int FROM ${this.t.ledger}) AS ledger,
                (SELECT count(*)::int FROM ${this.t.rolled}) AS rolled, (SELECT count(*)::int - 1 FROM ${this.t.unique}) AS wins`,
      );
      return rows[0];
    });
  }

  private async client(i: number, c: Client, ds: DataSource, steps: number, run: WorkloadRun): Promise<void> {
    let committed = 0;
    const units: ((step: number) => Promise<void>)[] = [
      () => this.parameters(c, i, run),
      async () => {
        await this.increment(ds, i, committed);
        committed++;
        run.increments++;
      },
      (step) => this.contestedInsert(c, i, step, run),
      () => this.failedTransaction(c, i, run),
      () => this.ownWrites(c, i, committed, run),
    ];
    for (let step = 0; step < steps; step++) {
      try {
        await units[(i + step) % units.length](step);
      } catch (err) {
        run.unexpectedErrors.push(errorText(err));
        // A connection the server broke answers nothing more; stop this client rather than count the same failure again.
        if (!isSqlError(err)) return;
      }
      run.units++;
    }
  }

  /** Unnamed statements with one, two and three parameters: another client's Parse in between would change the answer or fail the Bind. */
  private async parameters(c: Client, i: number, run: WorkloadRun): Promise<void> {
    const a = await c.query('SELECT $1::int AS a', [i]);
    expectEqual(run, 'one parameter', a.rows, [{ a: i }]);
    const p = await c.query('SELECT $1::int * $2::int AS p', [i, 7]);
    expectEqual(run, 'two parameters', p.rows, [{ p: i * 7 }]);
    const s = await c.query("SELECT $1::text || '-' || $2::text || '-' || $3::text AS s", ['c', i, 'x']);
    expectEqual(run, 'three parameters', s.rows, [{ s: `c-${i}-x` }]);
  }

  /** Read, add one in the client, write back: exact only if the row lock and the transaction hold. */
  private async increment(ds: DataSource, i: number, seq: number): Promise<void> {
    await ds.transaction(async (m) => {
      const [{ n }]: { n: number }[] = await m.query(`SELECT n FROM ${this.t.counter} WHERE id = 1 FOR UPDATE`);
      await m.query(`UPDATE ${this.t.counter} SET n = $1 WHERE id = 1`, [n + 1]);
      await m.query(`INSERT INTO ${this.t.ledger} (client, seq) VALUES ($1, $2)`, [i, seq]);
    });
  }

  private async contestedInsert(c: Client, i: number, step: number, run: WorkloadRun): Promise<void> {
    const key = `key-${(i + step) % CONTESTED_KEYS}`;
    try {
      const r = await c.query(`INSERT INTO ${this.t.unique} (key, client) VALUES ($1, $2)`, [key, i]);
      expectEqual(run, 'insert row count', r.rowCount, 1);
      run.uniqueWins++;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      run.uniqueConflicts++;
    }
  }

  /** Inside a transaction a row is written, then a unique violation fails it: the error must be 23505, later statements 25P02, and ROLLBACK must undo the row. */
  private async failedTransaction(c: Client, i: number, run: WorkloadRun): Promise<void> {
    await c.query('BEGIN');
    try {
      await c.query(`INSERT INTO ${this.t.rolled} VALUES ($1)`, [`client ${i}`]);
      const dup = await outcome(c.query(`INSERT INTO ${this.t.unique} (key, client) VALUES ('seed', $1)`, [i]));
      expectEqual(run, 'duplicate insert in a transaction', dup, UNIQUE_VIOLATION);
      expectEqual(run, 'statement in a failed transaction', await outcome(c.query('SELECT 1')), '25P02');
    } finally {
      await c.query('ROLLBACK');
    }
  }

  /** This client's committed increments, read back through its own connection. */
  private async ownWrites(c: Client, i: number, committed: number, run: WorkloadRun): Promise<void> {
    const r = await c.query(`SELECT count(*)::int AS n FROM ${this.t.ledger} WHERE client = $1`, [i]);
    expectEqual(run, 'own committed writes', r.rows, [{ n: committed }]);
  }

  private async checkFinalState(run: WorkloadRun): Promise<void> {
    const s = await this.state();
    expectEqual(run, 'final counter', s.counter, run.increments);
    expectEqual(run, 'ledger rows', s.ledger, run.increments);
    expectEqual(run, 'rows of rolled-back transactions', s.rolled, 0);
    expectEqual(run, 'unique rows', s.wins, run.uniqueWins);
  }

}

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url, query_timeout: QUERY_TIMEOUT_MS });
  // A connection the server closes reports here as well as to the query that was waiting.
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await connect(url);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function expectEqual(run: WorkloadRun, what: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) run.wrongAnswers.push(`${what}: got ${a}, expected ${e}`);
}

/** The SQLSTATE a statement failed with, or 'no error'. */
function outcome(query: Promise<unknown>): Promise<string | undefined> {
  return query.then(
    () => 'no error',
    (err: unknown) => (err as { code?: string }).code,
  );
}

function isSqlError(err: unknown): boolean {
  return typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e.code === UNIQUE_VIOLATION || e.driverError?.code === UNIQUE_VIOLATION;
}

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ? `${e.code} ${e.message}` : String(e.message ?? err);
}
