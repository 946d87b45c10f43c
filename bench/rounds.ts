/** What every benchmark reports: medians, and the median of per-round ratios with its spread. */

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface RatioSpread {
  median: number;
  min: number;
  max: number;
}

/** The median of per-round ratios with their range: a range that straddles a threshold says the run cannot tell. */
export function spreadOf(ratios: readonly number[]): RatioSpread {
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

export const formatSpread = (r: RatioSpread, digits = 2): string => `${r.median.toFixed(digits)}× (${r.min.toFixed(digits)}–${r.max.toFixed(digits)})`;

/** p-th percentile (0–100) of `xs`, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The value after `--name` on a bench's command line, or `fallback`. */
export function flag(argv: readonly string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

/** Calls `f` `warmup` times untimed, then `runs` times timing each call: the milliseconds, and the last call's answer. */
export async function sampleMs<T>(runs: number, f: (i: number) => Promise<T>, warmup = 0): Promise<{ ms: number[]; last: T }> {
  let last!: T;
  for (let i = 0; i < warmup; i++) last = await f(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await f(i);
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}
