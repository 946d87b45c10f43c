/**
 * Impact preview: re-evaluates recorded decisions under a candidate rule set and
 * counts what would change, e.g. "home quarantine 7 → 5 days: 312 cases".
 */
import { evaluateRuleSet, type CompiledRuleSet } from './engine';

export interface RecordedDecision {
  id: string;
  facts: Record<string, unknown>;
  /** The outcome recorded at the time (the first event's type), null when no rule fired. */
  outcome: string | null;
  /** The first event's params as recorded. */
  params?: Record<string, unknown>;
}

export interface Transition {
  from: string | null;
  to: string | null;
  count: number;
  /** Up to five decision ids. */
  examples: string[];
  /** Only when the outcome stays and its params change: each changed param, old and new value. */
  paramChanges?: Record<string, { from: unknown; to: unknown }>;
}

export interface SimulationResult {
  total: number;
  /** Decisions whose outcome or params would change. */
  changed: number;
  /** Of those, the ones with the same outcome and different params. */
  paramsChanged: number;
  transitions: Transition[];
  /** Decisions the candidate could not evaluate (e.g. it needs a fact the record lacks). */
  errors: number;
  errorExamples: { id: string; message: string }[];
}

const MAX_EXAMPLES = 5;

export async function simulate(records: readonly RecordedDecision[], candidate: CompiledRuleSet): Promise<SimulationResult> {
  const transitions = new Map<string, Transition>();
  const result: SimulationResult = { total: records.length, changed: 0, paramsChanged: 0, transitions: [], errors: 0, errorExamples: [] };
  for (const record of records) {
    let to: string | null;
    let params: Record<string, unknown>;
    try {
      const evaluation = await evaluateRuleSet(candidate, record.facts);
      to = evaluation.outcome;
      params = evaluation.events[0]?.params ?? {};
    } catch (err) {
      result.errors++;
      if (result.errorExamples.length < MAX_EXAMPLES) result.errorExamples.push({ id: record.id, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const paramChanges = to === record.outcome ? diffParams(record.params ?? {}, params) : undefined;
    if (to === record.outcome && !paramChanges) continue;
    result.changed++;
    if (paramChanges) result.paramsChanged++;
    // Params-only changes are grouped by the change itself, so "days 7 → 5" and "days 7 → 3" stay apart.
    const key = JSON.stringify([record.outcome, to, paramChanges ?? null]);
    const t = transitions.get(key) ?? { from: record.outcome, to, count: 0, examples: [], ...(paramChanges ? { paramChanges } : {}) };
    t.count++;
    if (t.examples.length < MAX_EXAMPLES) t.examples.push(record.id);
    transitions.set(key, t);
  }
  result.transitions = [...transitions.values()].sort((a, b) => b.count - a.count);
  return result;
}

function diffParams(before: Record<string, unknown>, after: Record<string, unknown>): Transition['paramChanges'] {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonical(before[key]) !== canonical(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** JSON with object keys sorted, so key order never counts as a change. */
function canonical(v: unknown): string | undefined {
  return JSON.stringify(v, (_k, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
