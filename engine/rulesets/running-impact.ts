/**
 * What a candidate rule set would change for cases still running, grouped by org unit: for each
 * running case, the facts of its latest decision under this rule set are decided again under the
 * version in effect (what its next decision would get today) and under the candidate. That is an
 * estimate: a case's next decision may see newer facts. Running cases come from the case
 * projection (kept current by the engine, reconciled with Temporal): one query, where listing
 * Temporal's visibility took a request per hundred cases and saw other platforms' cases too.
 */
import type { DataSource } from 'typeorm';
import { evaluateRuleSet, type CompiledRuleSet } from '../../rules/engine';
import { diffParams, type ChangedCase, type RunningImpact, type UnitImpact } from '../../rules/simulate';

/** Read at most this many running cases with a decision under the rule set (the answer says when there were more). */
const MAX_RUNNING = 50_000;
const MAX_EXAMPLES = 5;

interface LatestDecision {
  case_id: string;
  node_id: string;
  org_unit: string | null;
  facts: Record<string, unknown>;
}

async function outcomeOf(rs: CompiledRuleSet, facts: Record<string, unknown>) {
  const e = await evaluateRuleSet(rs, facts);
  return { outcome: e.outcome, params: e.events[0]?.params ?? {} };
}

function unit(orgUnit: string | null): UnitImpact {
  return { orgUnit, cases: 0, changed: 0, outcomeChanged: 0, paramsChanged: 0, transitions: [], paramShifts: {}, nodes: {}, examples: [] };
}

/** The preview of running cases, and the cases it changes (for the domain's effects, engine/domain-module.ts). */
export async function runningImpact(db: DataSource, rulesetKey: string, current: CompiledRuleSet, candidate: CompiledRuleSet): Promise<{ impact: RunningImpact; changedCases: ChangedCase[] }> {
  const [{ running }]: { running: number }[] = await db.query(`SELECT count(*)::int AS running FROM case_projection WHERE status = 'running'`);
  const found: LatestDecision[] = await db.query(
    `SELECT DISTINCT ON (d.case_id) d.case_id, d.node_id, p.org_unit, d.facts
     FROM case_projection p JOIN decisions d ON d.case_id = p.case_id AND d.ruleset_key = $1
     WHERE p.status = 'running'
     ORDER BY d.case_id, d.id DESC
     LIMIT $2`,
    [rulesetKey, MAX_RUNNING + 1],
  );
  const truncated = found.length > MAX_RUNNING;
  const rows = found.slice(0, MAX_RUNNING);
  const units = new Map<string | null, UnitImpact>();
  const impact: RunningImpact = { running, truncated, cases: rows.length, changed: 0, errors: 0, byOrgUnit: [], effects: [] };
  const changedCases: ChangedCase[] = [];
  for (const row of rows) {
    const u = units.get(row.org_unit) ?? unit(row.org_unit);
    units.set(row.org_unit, u);
    u.cases++;
    let now, next;
    try {
      [now, next] = [await outcomeOf(current, row.facts), await outcomeOf(candidate, row.facts)];
    } catch {
      impact.errors++;
      continue;
    }
    const paramChanges = now.outcome === next.outcome ? diffParams(now.params, next.params) : undefined;
    if (now.outcome === next.outcome && !paramChanges) continue;
    impact.changed++;
    changedCases.push({ caseId: row.case_id, orgUnit: row.org_unit, now, next });
    u.changed++;
    u.nodes[row.node_id] = (u.nodes[row.node_id] ?? 0) + 1;
    if (u.examples.length < MAX_EXAMPLES) u.examples.push(row.case_id);
    if (paramChanges) {
      u.paramsChanged++;
      for (const [name, { from, to }] of Object.entries(paramChanges)) {
        const shift = (u.paramShifts[name] ??= { changed: 0, delta: 0 });
        shift.changed++;
        if (typeof from === 'number' && typeof to === 'number') shift.delta += to - from;
      }
    } else {
      u.outcomeChanged++;
      const t = u.transitions.find((x) => x.from === now.outcome && x.to === next.outcome);
      if (t) t.count++;
      else u.transitions.push({ from: now.outcome, to: next.outcome, count: 1 });
    }
  }
  impact.byOrgUnit = [...units.values()].sort((a, b) => b.changed - a.changed || String(a.orgUnit).localeCompare(String(b.orgUnit)));
  return { impact, changedCases };
}
