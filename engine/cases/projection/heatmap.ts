/**
 * A process's heatmap, from the case projection: how many running cases are at each node now,
 * and how long visits to each node took (median, p90) among those that left it in a period.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { versionNumber } from '../../http/params';
import type { OrgScope } from '../../orgunits/scope';
import { instant } from './case-list';

const DAY_MS = 86_400_000;

export const heatmapQuery = z
  .object({
    version: versionNumber.optional().describe('Only cases in this version; every version unless said'),
    from: instant.optional().describe('Start of the period for the times spent (default: 30 days before `to`)'),
    to: instant.optional().describe('End of the period (default: now)'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() > q.to.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
  });

export type HeatmapQuery = z.infer<typeof heatmapQuery>;

export interface HeatmapNode {
  nodeId: string;
  /** Running cases at the node now. */
  open: number;
  /** Visits that left the node in the period, and their median and 90th-percentile time there. */
  visits: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export async function heatmapOf(db: Pick<DataSource, 'query'>, processKey: string, q: HeatmapQuery, scope: OrgScope) {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - 30 * DAY_MS);
  const units = scope.unitIds;
  const empty = { processKey, version: q.version ?? null, from: from.toISOString(), to: to.toISOString(), nodes: [] as HeatmapNode[] };
  if (units?.length === 0) return empty;
  const version = q.version ?? null;
  const open: { node_id: string; open: number }[] = await db.query(
    `SELECT n AS node_id, count(*)::int AS open
       FROM case_projection p, unnest(p.current_nodes) n
      WHERE p.process_key = $1 AND p.status = 'running' AND ($2::int IS NULL OR p.version = $2) AND ($3::text[] IS NULL OR p.org_unit = ANY($3))
      GROUP BY n`,
    [processKey, version, units ?? null],
  );
  // Node by node (migration 0016's index): the process's nodes found by skipping through the index
  // (one probe each), then each node's visits in the period as one index range, whose times are
  // sorted for both percentiles at once. Sorting the whole period by node first cost more than all
  // of that at a year of a busy process. A visit carries its process, not its unit: a scoped
  // caller's visits are those of cases in its units.
  const times: { node_id: string; visits: number; ms: [number, number] | null }[] = await db.query(
    `WITH RECURSIVE nodes(node_id) AS (
       (SELECT node_id FROM case_visits WHERE process_key = $1 ORDER BY node_id LIMIT 1)
       UNION ALL
       SELECT (SELECT v.node_id FROM case_visits v WHERE v.process_key = $1 AND v.node_id > n.node_id ORDER BY v.node_id LIMIT 1)
         FROM nodes n WHERE n.node_id IS NOT NULL
     ),
     scoped AS MATERIALIZED (SELECT case_id FROM case_projection WHERE $5::text[] IS NOT NULL AND process_key = $1 AND org_unit = ANY($5))
     SELECT n.node_id, t.visits, t.ms
       FROM nodes n
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS visits,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM v.left_at - v.entered_at) * 1000) AS ms
           FROM case_visits v
          WHERE v.process_key = $1 AND v.node_id = n.node_id AND v.left_at >= $2 AND v.left_at < $3 AND ($4::int IS NULL OR v.version = $4)
            AND ($5::text[] IS NULL OR v.case_id IN (SELECT case_id FROM scoped))
       ) t
      WHERE n.node_id IS NOT NULL AND t.visits > 0`,
    [processKey, from, to, version, units ?? null],
  );
  const nodes = new Map<string, HeatmapNode>();
  const node = (nodeId: string) => nodes.get(nodeId) ?? nodes.set(nodeId, { nodeId, open: 0, visits: 0, medianMs: null, p90Ms: null }).get(nodeId)!;
  for (const r of open) node(r.node_id).open = r.open;
  for (const r of times) Object.assign(node(r.node_id), { visits: r.visits, medianMs: r.ms ? Math.round(Number(r.ms[0])) : null, p90Ms: r.ms ? Math.round(Number(r.ms[1])) : null });
  return { ...empty, nodes: [...nodes.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId)) };
}
