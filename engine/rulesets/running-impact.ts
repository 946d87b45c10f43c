/**
 * What a candidate rule set would change for cases still running, grouped by org unit: for each
 * running case, the facts of its latest decision under this rule set are decided again under the
 * version in effect (what its next decision would get today) and under the candidate. That is an
 * estimate: a case's next decision may see newer facts. Running cases come from Temporal's
 * visibility store; their decisions and org units from the database.
 */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { evaluateRuleSet, type CompiledRuleSet } from '../../rules/engine';
import { diffParams, type RunningImpact, type UnitImpact } from '../../rules/simulate';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';

/** Read at most this many running cases (the answer says when there were more). */
const MAX_RUNNING = 50_000;
const MAX_EXAMPLES = 5;

async function runningCaseIds(client: Client): Promise<{ ids: string[]; truncated: boolean }> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowType = '${PROCESS_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` })) {
    if (ids.length === MAX_RUNNING) return { ids, truncated: true };
    ids.push(wf.workflowId);
  }
  return { ids, truncated: false };
}

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

export async function runningImpact(db: DataSource, client: Client, rulesetKey: string, current: CompiledRuleSet, candidate: CompiledRuleSet): Promise<RunningImpact> {
  const { ids, truncated } = await runningCaseIds(client);
  const rows: LatestDecision[] = ids.length
    ? await db.query(
        `SELECT DISTINCT ON (d.case_id) d.case_id, d.node_id, c.org_unit, d.facts
         FROM decisions d LEFT JOIN cases c ON c.id = d.case_id
         WHERE d.ruleset_key = $1 AND d.case_id = ANY($2)
         ORDER BY d.case_id, d.id DESC`,
        [rulesetKey, ids],
      )
    : [];
  const units = new Map<string | null, UnitImpact>();
  const impact: RunningImpact = { running: ids.length, truncated, cases: rows.length, changed: 0, errors: 0, byOrgUnit: [] };
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
  return impact;
}
