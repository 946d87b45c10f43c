/**
 * Decisions per second of our evaluation path (the cached compiled program: missing-fact
 * check, defaults, events ordered, the trace produced) against raw json-rules-engine running
 * the same rules (a table's rows compiled, our operators and path resolver) on the same facts,
 * defaults filled in, with one reused Engine; and, for comparison, the path decisions took
 * before (json-rules-engine with the trace read from its results). On each built-in rule set
 * and on a generated 200-rule set, in CPU time. After a warm-up that also sizes the rounds
 * (about 200 ms per path), each round interleaves the paths in slices, and rounds alternate
 * which path goes first; the figure is the median of the per-round ratios, with their range.
 * Run alone: npx tsx bench/rules.bench.ts
 */
import { evaluateRuleSet, getCompiled } from '../rules/engine';
import { factInput } from '../rules/fact-input';
import { compileReference, evaluateReference } from '../rules/reference-engine';
import { median, spreadOf, type RatioSpread } from './rounds';
import { ruleWorkloads, type Workload } from './rule-set-workloads';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = 200;
const SLICES = 5;

export interface RulesBenchRow {
  name: string;
  rules: number;
  /** Median decisions per second. */
  compiled: number;
  raw: number;
  before: number;
  /** compiled ÷ raw: the median of the per-round ratios, and their range. */
  ratio: RatioSpread;
}

type Path = (n: number) => Promise<void>;

function paths(w: Workload): { compiled: Path; raw: Path; before: Path; rules: number } {
  const compiled = getCompiled(w.def.key, 1, w.def);
  const reference = compileReference(w.def);
  const inputs = w.facts.map((f) => factInput(reference.facts, f));
  const { facts } = w;
  return {
    rules: compiled.rules.length,
    async compiled(n) {
      for (let i = 0; i < n; i++) {
        const evaluation = await evaluateRuleSet(compiled, facts[i % facts.length]);
        if (evaluation.trace.length === 0) throw new Error('empty trace');
      }
    },
    async raw(n) {
      for (let i = 0; i < n; i++) await reference.engine.run(inputs[i % inputs.length]);
    },
    async before(n) {
      for (let i = 0; i < n; i++) await evaluateReference(reference, facts[i % facts.length]);
    },
  };
}

/** Milliseconds of this process's CPU time (user and system, GC threads included), which other load on a shared machine disturbs far less than the wall clock. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function timed(path: Path, n: number): Promise<number> {
  const start = cpuMs();
  await path(n);
  return cpuMs() - start;
}

async function rate(path: Path, n: number): Promise<number> {
  return (n * 1000) / (await timed(path, n));
}

/** Decisions that take about ROUND_MS, measured after a first warming pass. */
async function sized(path: Path): Promise<number> {
  await path(50);
  return Math.max(20, Math.round((ROUND_MS / 1000) * (await rate(path, 200))));
}

async function benchWorkload(w: Workload): Promise<RulesBenchRow> {
  const p = paths(w);
  const n = { compiled: await sized(p.compiled), raw: await sized(p.raw), before: await sized(p.before) };
  const rates: { compiled: number[]; raw: number[]; before: number[] } = { compiled: [], raw: [], before: [] };
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Within a round the sides take turns in slices, and rounds alternate who starts: drift (GC, CPU
    // frequency, other load on a shared machine) then falls on every side alike.
    const order = round % 2 === 0 ? (['compiled', 'raw', 'before'] as const) : (['before', 'raw', 'compiled'] as const);
    const ms = { compiled: 0, raw: 0, before: 0 };
    for (let slice = 0; slice < SLICES; slice++) {
      for (const side of order) ms[side] += await timed(p[side], Math.ceil(n[side] / SLICES));
    }
    for (const side of order) rates[side].push((Math.ceil(n[side] / SLICES) * SLICES * 1000) / ms[side]);
    ratios.push(rates.compiled[round] / rates.raw[round]);
  }
  return {
    name: w.name,
    rules: p.rules,
    compiled: median(rates.compiled),
    raw: median(rates.raw),
    before: median(rates.before),
    ratio: spreadOf(ratios),
  };
}

export async function benchRules(): Promise<RulesBenchRow[]> {
  const rows: RulesBenchRow[] = [];
  for (const w of ruleWorkloads()) {
    rows.push(await benchWorkload(w));
    process.stdout.write(`  ${w.name}: done\n`);
  }
  return rows;
}

const count = (x: number) => Math.round(x).toLocaleString('en-US');

/** The rows as a table, with the target (10× raw json-rules-engine) checked on each. */
export function formatRulesBench(rows: readonly RulesBenchRow[]): string[] {
  const head = ['rule set', 'rules', 'compiled/s', 'json-rules-engine/s', 'ratio (min–max)', 'before/s'];
  const body = rows.map((r) => [
    r.name,
    String(r.rules),
    count(r.compiled),
    count(r.raw),
    `${r.ratio.median.toFixed(1)}× (${r.ratio.min.toFixed(1)}–${r.ratio.max.toFixed(1)})${r.ratio.median >= 10 ? '' : ' below 10×'}`,
    count(r.before),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`rules (decisions per CPU second with the trace produced, median of ${ROUNDS} rounds; target ≥ 10×)`, line(head), ...body.map(line)];
}

if (require.main === module) {
  benchRules().then(
    (rows) => console.log(formatRulesBench(rows).join('\n')),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
