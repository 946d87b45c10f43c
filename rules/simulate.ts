/**
 * Impact preview: re-evaluates recorded decisions under a candidate rule set and counts what
 * would change, e.g. "home quarantine 7 → 5 days: 312 cases". Decisions come in batches (the
 * engine streams them from the database), so a window of hundreds of thousands is never held
 * at once; what is kept is bounded: counts, a from → to matrix, a few examples.
 */
import { evaluateRuleSet, type CompiledRuleSet } from './engine';
import type { LocalizedText } from '../language';
import { canonicalJson } from './json-value';

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

/** How many decisions went from one value to another (equal values: unchanged ones). */
export interface MatrixCell {
  from: unknown;
  to: unknown;
  count: number;
}

export interface SimulationMatrix {
  /** Every decision evaluated, by recorded outcome → candidate outcome, unchanged ones included. */
  outcomes: MatrixCell[];
  /** Per param of the first event, recorded value → candidate value (absent: undefined, shown as no `from`/`to`). */
  params: Record<string, MatrixCell[]>;
  /** Value pairs left out because a param had more than MAX_CELLS distinct ones (counted, not listed). */
  truncated: number;
}

export interface SimulationResult {
  total: number;
  /** Decisions whose outcome or params would change. */
  changed: number;
  /** Of those, the ones with the same outcome and different params. */
  paramsChanged: number;
  transitions: Transition[];
  matrix: SimulationMatrix;
  /** Decisions the candidate could not evaluate (e.g. it needs a fact the record lacks). */
  errors: number;
  errorExamples: { id: string; message: string }[];
}

/*
 * What the engine's preview answers about running cases (engine/rulesets/running-impact.ts), declared
 * here beside the rest of the answer so the editor reads the same shape.
 */
/** How the candidate moves one numeric param of the cases whose value changes (e.g. days 7 → 5: delta -2 each). */
export interface ParamShift {
  changed: number;
  /** Sum of candidate minus current over the changed cases where both are numbers. */
  delta: number;
}

export interface UnitImpact {
  orgUnit: string | null;
  /** Running cases of the unit with a decision under this rule set. */
  cases: number;
  changed: number;
  outcomeChanged: number;
  paramsChanged: number;
  transitions: { from: string | null; to: string | null; count: number }[];
  paramShifts: Record<string, ParamShift>;
  /** Changed cases by the node that decided. */
  nodes: Record<string, number>;
  examples: string[];
}

export interface RunningImpact {
  /** Cases running now (the case projection's), and whether more had a decision under the rule set than were read. */
  running: number;
  truncated: boolean;
  /** Of those, cases with a decision under this rule set. */
  cases: number;
  changed: number;
  /** Decisions neither version could evaluate. */
  errors: number;
  byOrgUnit: UnitImpact[];
  /** What the domain reads into the changed cases: the resources they hold or will need (none when it reads nothing). */
  effects: ResourceEffect[];
}

/** What a running case's next decision gets: under the version in effect (`now`) or the candidate (`next`). */
export interface DecidedAs {
  outcome: string | null;
  params: Record<string, unknown>;
}

/** A running case whose next decision the candidate would change. */
export interface ChangedCase {
  caseId: string;
  orgUnit: string | null;
  now: DecidedAs;
  next: DecidedAs;
}

/** One place a resource is held (a quarantine site), or a unit where it will be needed and none is held yet. */
export interface ResourceEffectRow {
  id: string;
  label: LocalizedText;
  /** Cases that would give up what they hold here. */
  freed: number;
  /** Cases that would need it and hold none. */
  needed: number;
  /** Change in resource-days (place-days) of the cases that keep it: negative frees. */
  days: number;
}

/** A domain's resource the change moves, e.g. centralized-quarantine places, by site. */
export interface ResourceEffect {
  resource: string;
  label: LocalizedText;
  rows: ResourceEffectRow[];
}

const MAX_EXAMPLES = 5;
const MAX_CELLS = 100;

/** Whether a JSON value holds an object with keys anywhere (only then is its plain JSON text key-order dependent). */
function holdsObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  return Array.isArray(v) ? v.some(holdsObject) : true;
}

/** Texts of values seen before: a candidate's literal params are the same frozen objects decision after decision. */
const texts = new WeakMap<object, string>();

/** A value's text for grouping: plain JSON unless an object inside makes key order count, then canonical JSON. */
function textOf(v: unknown): string {
  if (v === undefined) return 'u';
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? `s${v}` : `j${String(v)}`;
  let text = texts.get(v);
  if (text === undefined) {
    text = Array.isArray(v) && !holdsObject(v) ? `a${JSON.stringify(v)}` : `o${canonicalJson(v)}`;
    if (Object.isFrozen(v)) texts.set(v, text);
  }
  return text;
}

/** Deep equality of JSON values, object key order aside. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!(k in b) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The params that differ, old and new value; undefined when none does. */
export function diffParams(before: Record<string, unknown>, after: Record<string, unknown>): Transition['paramChanges'] {
  let changes: Record<string, { from: unknown; to: unknown }> | undefined;
  for (const key in before) if (!sameValue(before[key], after[key])) (changes ??= {})[key] = { from: before[key], to: after[key] };
  for (const key in after) if (!(key in before) && after[key] !== undefined) (changes ??= {})[key] = { from: undefined, to: after[key] };
  return changes;
}

/** A params change as text, the same whatever the order of its params. */
function changeText(changes: NonNullable<Transition['paramChanges']>): string {
  return Object.keys(changes)
    .sort()
    .map((name) => `${name}\u0002${textOf(changes[name].from)}\u0002${textOf(changes[name].to)}`)
    .join('\u0003');
}

/** Counts of value pairs, at most MAX_CELLS distinct ones. */
class PairCounts {
  readonly cells = new Map<string, MatrixCell>();
  truncated = 0;

  add(from: unknown, to: unknown): void {
    const key = `${textOf(from)}\u0001${textOf(to)}`;
    const cell = this.cells.get(key);
    if (cell) cell.count++;
    else if (this.cells.size < MAX_CELLS) this.cells.set(key, { from, to, count: 1 });
    else this.truncated++;
  }

  list(): MatrixCell[] {
    return [...this.cells.values()].sort((a, b) => b.count - a.count);
  }
}

/** An impact preview being counted, batch by batch. */
export class Simulation {
  private readonly transitions = new Map<string, Transition>();
  private readonly outcomes = new PairCounts();
  private readonly params = new Map<string, PairCounts>();
  private total = 0;
  private changed = 0;
  private paramsChanged = 0;
  private errors = 0;
  private readonly errorExamples: { id: string; message: string }[] = [];

  constructor(private readonly candidate: CompiledRuleSet) {}

  async add(records: readonly RecordedDecision[]): Promise<void> {
    for (const record of records) await this.addOne(record);
  }

  private async addOne(record: RecordedDecision): Promise<void> {
    this.total++;
    let to: string | null;
    let params: Record<string, unknown>;
    try {
      const evaluation = await evaluateRuleSet(this.candidate, record.facts);
      to = evaluation.outcome;
      params = evaluation.events[0]?.params ?? {};
    } catch (err) {
      this.errors++;
      if (this.errorExamples.length < MAX_EXAMPLES) this.errorExamples.push({ id: record.id, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const before = record.params ?? {};
    this.outcomes.add(record.outcome, to);
    this.countParams(before, params);
    const paramChanges = to === record.outcome ? diffParams(before, params) : undefined;
    if (to === record.outcome && !paramChanges) return;
    this.changed++;
    if (paramChanges) this.paramsChanged++;
    // Params-only changes are grouped by the change itself, so "days 7 → 5" and "days 7 → 3" stay apart.
    const key = paramChanges ? `${record.outcome}\u0001${to}\u0001${changeText(paramChanges)}` : `${record.outcome}\u0001${to}`;
    let t = this.transitions.get(key);
    if (!t) this.transitions.set(key, (t = { from: record.outcome, to, count: 0, examples: [], ...(paramChanges ? { paramChanges } : {}) }));
    t.count++;
    if (t.examples.length < MAX_EXAMPLES) t.examples.push(record.id);
  }

  private countParams(before: Record<string, unknown>, after: Record<string, unknown>): void {
    for (const name in before) this.pairs(name).add(before[name], after[name]);
    for (const name in after) if (!(name in before)) this.pairs(name).add(undefined, after[name]);
  }

  private pairs(name: string): PairCounts {
    let p = this.params.get(name);
    if (!p) this.params.set(name, (p = new PairCounts()));
    return p;
  }

  result(): SimulationResult {
    const params: Record<string, MatrixCell[]> = {};
    let truncated = this.outcomes.truncated;
    for (const [name, p] of [...this.params.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      params[name] = p.list();
      truncated += p.truncated;
    }
    return {
      total: this.total,
      changed: this.changed,
      paramsChanged: this.paramsChanged,
      transitions: [...this.transitions.values()].sort((a, b) => b.count - a.count),
      matrix: { outcomes: this.outcomes.list(), params, truncated },
      errors: this.errors,
      errorExamples: this.errorExamples,
    };
  }
}

export async function simulate(records: readonly RecordedDecision[], candidate: CompiledRuleSet): Promise<SimulationResult> {
  const s = new Simulation(candidate);
  await s.add(records);
  return s.result();
}
