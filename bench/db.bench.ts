/**
 * The embedded database (PGlite behind the session gate, in this process, as
 * `npm start` runs it) against server PostgreSQL, on the same fixed mixed workload
 * (test/store/concurrency-workload.ts: parameterised reads, inserts with unique
 * conflicts, short transactions with SELECT … FOR UPDATE) at concurrency 1 and 8.
 * The total work per round is the same at both levels. Rounds alternate which side
 * goes first; reported per level: units per second of each side (median) and the
 * ratio embedded/server (median and min–max over the rounds). Every answer is
 * checked, so a benchmark that went fast by being wrong fails instead.
 * Run alone: npx tsx bench/db.bench.ts
 */
import pino from 'pino';
import { startEmbeddedPostgres } from '../engine/db/embedded-postgres';
import { MixedWorkload, type WorkloadRun } from '../test/store/concurrency-workload';
import { scratchDatabase } from '../test/support/scratch-database';

const ROUNDS = 7;
const UNITS_PER_ROUND = 1200;
const LEVELS = [1, 8];

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface DbBenchLevel {
  concurrency: number;
  embedded: Spread;
  server: Spread;
  /** Embedded units/s over server units/s, per round. */
  ratio: Spread;
}

export interface DbBench {
  levels: DbBenchLevel[];
  rounds: number;
  unitsPerRound: number;
}

export async function benchDb(): Promise<DbBench> {
  const embedded = await startEmbeddedPostgres(undefined, pino({ level: 'warn' }));
  const server = await scratchDatabase();
  try {
    const sides = { embedded: await MixedWorkload.create(embedded.url), server: await MixedWorkload.create(server.url) };
    const levels: DbBenchLevel[] = [];
    for (const concurrency of LEVELS) {
      const opts = { clients: concurrency, steps: UNITS_PER_ROUND / concurrency };
      const rates = { embedded: [] as number[], server: [] as number[] };
      // One unmeasured round each warms the JIT, the pools' code paths and both databases' caches.
      for (const w of Object.values(sides)) await measured(w, opts);
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['embedded', 'server'] as const) : (['server', 'embedded'] as const);
        for (const side of order) rates[side].push(await measured(sides[side], opts));
      }
      levels.push({
        concurrency,
        embedded: spread(rates.embedded),
        server: spread(rates.server),
        ratio: spread(rates.embedded.map((e, i) => e / rates.server[i])),
      });
    }
    await Promise.all(Object.values(sides).map((w) => w.drop()));
    return { levels, rounds: ROUNDS, unitsPerRound: UNITS_PER_ROUND };
  } finally {
    await embedded.stop();
    await server.drop();
  }
}

/** Units per second of one checked run, from empty tables. */
async function measured(w: MixedWorkload, opts: { clients: number; steps: number }): Promise<number> {
  await w.reset();
  const run: WorkloadRun = await w.run(opts);
  const problems = [...run.wrongAnswers, ...run.unexpectedErrors];
  if (problems.length > 0) throw new Error(`the workload went wrong on ${w.url}: ${problems.slice(0, 5).join('; ')}`);
  return (run.units * 1000) / run.elapsedMs;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** One line per concurrency level, as `npm run bench` prints it. */
export function formatDbBench(r: DbBench): string[] {
  return r.levels.map(
    (l) =>
      `db c=${l.concurrency}       embedded ${l.embedded.median.toFixed(0)} units/s  server ${l.server.median.toFixed(0)} units/s  ` +
      `ratio ${l.ratio.median.toFixed(2)} (${l.ratio.min.toFixed(2)}–${l.ratio.max.toFixed(2)}; ${r.rounds} rounds × ${r.unitsPerRound} units)`,
  );
}

if (require.main === module) {
  benchDb().then(
    (r) => console.log(formatDbBench(r).join('\n')),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
