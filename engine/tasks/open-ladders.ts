/**
 * The open deadline ladders that read a rule set: those of open tasks (their rows), and those of
 * event waits and timers, which have no row of their own and are found by the case projection's
 * open visits. What a re-plan would re-time (ladder-replan.ts), counted by kind and org unit for
 * its preview.
 */
import type { OrgScope } from '../orgunits/scope';
import type { Services } from '../services';

/** The kinds of waiting node a ladder may be declared on. */
export const LADDER_KINDS = ['task', 'event', 'timer'] as const;
export type LadderKind = (typeof LADDER_KINDS)[number];

/** One open ladder: its case, node, and the org unit that sees it. */
export interface OpenLadder {
  kind: LadderKind;
  caseId: string;
  nodeId: string;
  processKey: string;
  version: number;
  orgUnit: string;
}

/**
 * The open ladders of the scope's org units (optionally of these cases only) that read `ruleset`,
 * oldest first. A task's ladder is its row's (set when it opened); an event wait's or a timer's is
 * its node's, in the version the case runs. Event waits and timers are read from the running cases
 * (by the status index) with their open visits (by their key), not by a scan of every visit.
 */
export async function openLaddersReading(services: Services, ruleset: string, scope: OrgScope, caseIds?: string[]): Promise<OpenLadder[]> {
  const rows = (await services.db.query(
    `SELECT 'task' AS kind, t.case_id AS "caseId", t.node_id AS "nodeId", cp.process_key AS "processKey", cp.version, t.org_unit AS "orgUnit", t.created_at AS since
       FROM tasks t JOIN case_projection cp ON cp.case_id = t.case_id
      WHERE t.status = 'open' AND t.ladder IS NOT NULL
        AND ($1::text[] IS NULL OR t.org_unit = ANY($1)) AND ($2::text[] IS NULL OR t.case_id = ANY($2))
     UNION ALL
     SELECT v.node_type, v.case_id, v.node_id, cp.process_key, cp.version, cp.org_unit, v.entered_at
       FROM case_projection cp JOIN case_visits v ON v.case_id = cp.case_id AND v.left_at IS NULL
      WHERE cp.status = 'running' AND v.node_type IN ('event', 'timer') AND cp.org_unit IS NOT NULL
        AND ($1::text[] IS NULL OR cp.org_unit = ANY($1)) AND ($2::text[] IS NULL OR cp.case_id = ANY($2))
      ORDER BY since, "caseId", "nodeId"`,
    [scope.unitIds ?? null, caseIds ?? null],
  )) as OpenLadder[];
  const reads = new Map<string, boolean>();
  const out: OpenLadder[] = [];
  for (const row of rows) {
    const at = `${row.processKey}@${row.version}:${row.nodeId}`;
    if (!reads.has(at)) {
      const def = (await services.processes.version(row.processKey, row.version)).content;
      const node = def.nodes.find((n) => n.id === row.nodeId);
      reads.set(at, node?.type === row.kind && 'ladder' in node && node.ladder?.rules?.ruleset === ruleset);
    }
    if (reads.get(at)) out.push({ kind: row.kind, caseId: row.caseId, nodeId: row.nodeId, processKey: row.processKey, version: row.version, orgUnit: row.orgUnit });
  }
  return out;
}

/** The preview's counts: in all, by kind, by process version and node, by org unit; and of how many cases. */
export function countLadders(ladders: OpenLadder[]) {
  const byKind = Object.fromEntries(LADDER_KINDS.map((k) => [k, 0])) as Record<LadderKind, number>;
  const byNode = new Map<string, { processKey: string; version: number; nodeId: string; kind: LadderKind; ladders: number }>();
  const byUnit = new Map<string, number>();
  for (const l of ladders) {
    byKind[l.kind]++;
    const k = `${l.processKey}@${l.version}:${l.nodeId}`;
    const node = byNode.get(k) ?? { processKey: l.processKey, version: l.version, nodeId: l.nodeId, kind: l.kind, ladders: 0 };
    node.ladders++;
    byNode.set(k, node);
    byUnit.set(l.orgUnit, (byUnit.get(l.orgUnit) ?? 0) + 1);
  }
  return {
    ladders: ladders.length,
    tasks: byKind.task,
    cases: new Set(ladders.map((l) => l.caseId)).size,
    byKind,
    byNode: [...byNode.values()],
    byUnit: [...byUnit].map(([orgUnit, n]) => ({ orgUnit, ladders: n })).sort((a, b) => b.ladders - a.ladders || a.orgUnit.localeCompare(b.orgUnit)),
  };
}
