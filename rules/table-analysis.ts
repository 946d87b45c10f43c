/**
 * Decision-table analysis as DMN tools do it, on the ground table-domains.ts lays:
 * - overlaps: rows that match the same facts. Under `unique` that fails the evaluation, and
 *   under `any` when their outputs differ: errors. Under `first`, rows overlapping in part
 *   (neither contains the other) with different outputs, and under `priority`, rows of one
 *   priority that do: warnings (the earlier row decides, or both fire).
 * - unreachable rows: covered by the rows before them (`first`) or by rows of higher priority
 *   (`priority`), or matching no facts at all: warnings.
 * - gaps: combinations of enum and boolean facts no row matches: warnings.
 * Only what holds for every value is reported as certain; where an opaque column could
 * decide either way, an overlap under `unique` or `any` is a warning that says "may".
 */
import type { Problem } from '../language';
import { sameOutput } from './hit-policy';
import type { RuleProblem } from './rule-problem';
import type { DecisionTable, FactDeclaration, RuleSet } from './ruleset-schema';
import { groundOf, type TableGround } from './table-domains';

export interface TableAnalysis {
  /** Problems that make evaluations fail (hit policies unique and any): they refuse a save. */
  errors: RuleProblem[];
  warnings: Problem[];
}

/** Points of a row enumerated when checking whether earlier rows cover it; past this, one covering row is looked for instead. */
const MAX_POINTS = 512;
const MAX_GAPS = 10;
const GAP_SEARCH_STEPS = 20_000;

type Verdict = { kind: 'none' } | { kind: 'certain' | 'possible'; example: string };

const rowPath = (i: number) => `table/rows/${i}`;

export function analyzeTable(table: DecisionTable, facts: Readonly<Record<string, FactDeclaration>>): TableAnalysis {
  const rows = table.rows.flatMap((row, i) => (row.cells.length === table.columns.length ? [i] : []));
  const ground = groundOf(table, facts, rows);
  const label = (i: number) => (table.rows[i].id ? `'${table.rows[i].id}'` : `row ${i + 1}`);
  const output = (i: number) => ({ type: table.rows[i].outcome, params: table.rows[i].params ?? {} });
  const errors: RuleProblem[] = [];
  const warnings: Problem[] = [];
  const warn = (path: string, code: string, message: string) => warnings.push({ path, code, message });

  const dead = new Set(rows.filter((r) => !matchable(ground, r)));
  for (const r of dead) warn(rowPath(r), 'table_unreachable', `${label(r)} matches no facts: some column accepts none of the values its fact can take`);
  const live = rows.filter((r) => !dead.has(r));

  const unreachable = new Set<number>();
  if (table.hitPolicy === 'first' || table.hitPolicy === 'priority') {
    const budget = { points: 200_000 };
    for (const j of live) {
      const winners = live.filter((i) =>
        table.hitPolicy === 'first' ? i < j : (table.rows[i].priority ?? 1) > (table.rows[j].priority ?? 1),
      );
      if (winners.length > 0 && covered(ground, j, winners, budget)) {
        unreachable.add(j);
        const by = table.hitPolicy === 'first' ? 'rows before it' : 'rows of higher priority';
        warn(rowPath(j), 'table_unreachable', `${label(j)} never decides: ${by} match every fact it matches`);
      }
    }
  }

  for (let x = 0; x < live.length; x++) {
    for (let y = x + 1; y < live.length; y++) {
      const [i, j] = [live[x], live[y]];
      if (unreachable.has(i) || unreachable.has(j)) continue;
      const verdict = overlap(ground, i, j);
      if (verdict.kind === 'none') continue;
      const same = sameOutput(output(i), output(j));
      const where = `e.g. ${verdict.example}`;
      switch (table.hitPolicy) {
        case 'unique':
        case 'any': {
          if (table.hitPolicy === 'any' && same) break;
          const rule = table.hitPolicy === 'unique' ? 'hit policy unique allows one matching row' : 'hit policy any needs equal outputs';
          if (verdict.kind === 'certain') {
            errors.push({ path: rowPath(j), code: 'table_overlap', message: `${label(i)} and ${label(j)} both match (${where}): ${rule}` });
          } else {
            warn(rowPath(j), 'table_overlap', `${label(i)} and ${label(j)} may both match (${where}, if their other cells allow): ${rule}`);
          }
          break;
        }
        case 'first':
          if (verdict.kind === 'certain' && !same && !contains(ground, j, i)) {
            warn(rowPath(j), 'table_overlap', `${label(i)} and ${label(j)} overlap in part (${where}): there ${label(i)} decides`);
          }
          break;
        case 'priority':
          if (verdict.kind === 'certain' && !same && (table.rows[i].priority ?? 1) === (table.rows[j].priority ?? 1)) {
            warn(rowPath(j), 'table_overlap', `${label(i)} and ${label(j)} have one priority and overlap (${where}): both fire, ${label(i)} first`);
          }
          break;
        case 'collect':
          break;
      }
    }
  }

  for (const gap of gaps(ground, live)) warn('table', 'table_gap', `no row matches ${gap}`);
  return { errors, warnings };
}

/** The warnings of a rule set's analysis (a list of rules has none), as a document kind returns them. */
export function ruleSetWarnings(def: RuleSet): Problem[] {
  return def.kind === 'table' ? analyzeTable(def.table, def.facts).warnings : [];
}

function matchable(ground: TableGround, r: number): boolean {
  return ground.dimensions.every((d) => d.accepts[r].some(Boolean));
}

const show = (fact: string, value: unknown) => `${fact} = ${JSON.stringify(value)}`;

function overlap(ground: TableGround, a: number, b: number): Verdict {
  const example: string[] = [];
  for (const d of ground.dimensions) {
    const k = d.values.findIndex((_, i) => d.accepts[a][i] && d.accepts[b][i]);
    if (k < 0) return { kind: 'none' };
    // A dimension every value of which both rows accept says nothing worth showing.
    if (!d.accepts[a].every(Boolean) || !d.accepts[b].every(Boolean)) example.push(show(d.fact, d.values[k]));
  }
  let certain = true;
  for (const o of ground.opaque) {
    const [x, y] = [o.cells[a], o.cells[b]];
    if (x === null && y === null) continue;
    // Cells written differently may or may not match together: nothing is claimed.
    if (x !== null && y !== null && x !== y) return { kind: 'none' };
    certain = false;
  }
  return { kind: certain ? 'certain' : 'possible', example: example.join(', ') || 'any facts' };
}

/** Whether every fact `inner` matches, `outer` matches too (opaque cells: outer empty or written alike). */
function contains(ground: TableGround, outer: number, inner: number): boolean {
  return (
    ground.dimensions.every((d) => d.accepts[inner].every((ok, k) => !ok || d.accepts[outer][k])) &&
    ground.opaque.every((o) => o.cells[outer] === null || o.cells[outer] === o.cells[inner])
  );
}

/**
 * Whether the rows in `by` together match every fact row `j` matches. Its points (one value per
 * dimension it accepts) are enumerated while there are few enough; else one row of `by` must
 * contain it. A row whose opaque cells differ from j's cannot be relied on, so it covers nothing.
 */
function covered(ground: TableGround, j: number, by: number[], budget: { points: number }): boolean {
  const candidates = by.filter((r) => ground.opaque.every((o) => o.cells[r] === null || o.cells[r] === o.cells[j]));
  if (candidates.length === 0) return false;
  const choices = ground.dimensions.map((d) => d.values.flatMap((_, k) => (d.accepts[j][k] ? [k] : [])));
  const points = choices.reduce((n, c) => n * c.length, 1);
  if (points > MAX_POINTS || points * candidates.length > budget.points) return candidates.some((r) => contains(ground, r, j));
  budget.points -= points * candidates.length;
  const point = new Array<number>(choices.length);
  const every = (d: number): boolean => {
    if (d === choices.length) return candidates.some((r) => ground.dimensions.every((dim, i) => dim.accepts[r][point[i]]));
    return choices[d].every((k) => {
      point[d] = k;
      return every(d + 1);
    });
  };
  return every(0);
}

/** Combinations of complete (enum, boolean) facts no row matches, whatever its other cells; trailing facts left out match any value. */
function gaps(ground: TableGround, rows: number[]): string[] {
  const dims = ground.dimensions.filter((d) => d.kind === 'complete');
  if (dims.length === 0) return [];
  const found: string[] = [];
  let steps = GAP_SEARCH_STEPS;
  const search = (d: number, candidates: number[], assignment: string[]) => {
    if (found.length >= MAX_GAPS || steps-- <= 0) return;
    if (candidates.length === 0) {
      found.push(assignment.join(', ') || 'any facts');
      return;
    }
    if (d === dims.length) return;
    // A row accepting every value of every remaining fact covers the whole box.
    if (candidates.some((r) => dims.slice(d).every((dim) => dim.accepts[r].every(Boolean)))) return;
    dims[d].values.forEach((value, k) =>
      search(
        d + 1,
        candidates.filter((r) => dims[d].accepts[r][k]),
        [...assignment, show(dims[d].fact, value)],
      ),
    );
  };
  search(0, rows, []);
  return found;
}
