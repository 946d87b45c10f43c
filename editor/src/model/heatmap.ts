/**
 * A process's heatmap as the graph shows it: each node's heat (0–4) from the running cases at it,
 * relative to the busiest node, and times spent there in the largest unit that reads well.
 */
export interface HeatmapNode {
  nodeId: string;
  open: number;
  visits: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export const HEAT_LEVELS = 4;

/** 0 for a node no case waits at; otherwise 1–4 by its share of the busiest node's count. */
export function heatOf(open: number, busiest: number): number {
  if (open <= 0 || busiest <= 0) return 0;
  return Math.max(1, Math.ceil((open / busiest) * HEAT_LEVELS));
}

const UNITS = [
  { unit: 'd', ms: 86_400_000 },
  { unit: 'h', ms: 3_600_000 },
  { unit: 'min', ms: 60_000 },
  { unit: 's', ms: 1000 },
] as const;

/** "2.5 d", "3.2 h", "12 min", "4 s": one decimal below ten of a unit, none above. */
export function spanText(ms: number | null): string {
  if (ms === null) return '—';
  const { unit, ms: size } = UNITS.find((u) => ms >= u.ms) ?? UNITS[UNITS.length - 1];
  const n = ms / size;
  return `${n < 10 ? Math.round(n * 10) / 10 : Math.round(n)} ${unit}`;
}
