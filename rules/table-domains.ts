/**
 * The ground table analysis works on: a decision table's columns grouped into dimensions
 * (one per fact and path; two columns on one fact bound the same value), each with a few
 * values that stand for all the others, and for each row the set of those values it accepts.
 * A dimension is
 * - complete: an enum or boolean fact, whose declared values are all there is;
 * - sampled: a number or string fact whose cells only compare with constants, so the
 *   constants, the points between them and one value beyond stand for every number or
 *   string (each cell answers alike for all values one of them stands for);
 * - opaque: anything else (paths, times, lists, fact references, substring `in`); its cells
 *   are compared as written, and never decide a certain verdict alone.
 * Cells are evaluated with the operators decisions use, so their quirks count here too.
 */
import { looksLikeFactReference } from '../language';
import { ruleOperator } from './compiled/operators';
import { canonicalJson } from './json-value';
import type { DecisionTable, FactDeclaration } from './ruleset-schema';

export interface Dimension {
  kind: 'complete' | 'sampled';
  fact: string;
  /** The values that stand for the whole domain. */
  values: unknown[];
  columns: number[];
  /** By row: which of `values` the row's cells in these columns accept. */
  accepts: boolean[][];
}

export interface OpaqueColumn {
  column: number;
  /** By row: the cell as canonical JSON, null where the cell is empty (matches anything). */
  cells: (string | null)[];
}

export interface TableGround {
  dimensions: Dimension[];
  opaque: OpaqueColumn[];
}

const COMPARISONS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const MEMBERSHIP = new Set(['in', 'notIn', 'inList']);
/** Operators whose answer on a number or a string depends only on equality with the cell's constants. */
const EQUALITY = new Set(['equal', 'notEqual', ...MEMBERSHIP, 'contains', 'doesNotContain', 'intersects']);

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Whether the cell's answer on every number is told by the sampled constants. */
function numberSampleable(operator: string, cell: unknown): boolean {
  if (COMPARISONS.has(operator)) return isNumber(cell);
  if (operator === 'betweenInclusive') return true;
  if (MEMBERSHIP.has(operator)) return Array.isArray(cell);
  return EQUALITY.has(operator);
}

/** Whether the cell's answer on every string is told by the sampled constants (`in` on a string searches it). */
function stringSampleable(operator: string, cell: unknown): boolean {
  if (MEMBERSHIP.has(operator)) return Array.isArray(cell);
  return EQUALITY.has(operator);
}

/** Numbers in a cell: itself, or the elements of a list. */
const constantsIn = (cell: unknown): unknown[] => (Array.isArray(cell) ? cell : [cell]);

function numberSamples(cells: unknown[]): number[] {
  const constants = [...new Set(cells.flatMap(constantsIn).filter(isNumber))].sort((a, b) => a - b);
  if (constants.length === 0) return [0];
  const samples = [constants[0] - 1];
  constants.forEach((c, i) => {
    samples.push(c);
    samples.push(i + 1 < constants.length ? (c + constants[i + 1]) / 2 : c + 1);
  });
  return samples;
}

function stringSamples(cells: unknown[]): string[] {
  const constants = [...new Set(cells.flatMap(constantsIn).filter((v): v is string => typeof v === 'string'))];
  let other = 'other';
  while (constants.includes(other)) other += '~';
  return [...constants, other];
}

/** What the cell answers for `value` (an operator that throws answers no: the row would fail, not match). */
function cellAccepts(operator: string, cell: unknown, value: unknown): boolean {
  const op = ruleOperator(operator);
  try {
    return op !== undefined && op(value, cell) === true;
  } catch {
    return false;
  }
}

function domainOf(decl: FactDeclaration | undefined, operators: string[], cells: unknown[]): Pick<Dimension, 'kind' | 'values'> | undefined {
  if (!decl || cells.some(looksLikeFactReference) || operators.some((o) => !ruleOperator(o))) return undefined;
  if (decl.enum) return { kind: 'complete', values: [...decl.enum] };
  if (decl.type === 'boolean') return { kind: 'complete', values: [true, false] };
  const pairs = operators.map((o, i) => [o, cells[i]] as const);
  if (decl.type === 'number' && pairs.every(([o, c]) => numberSampleable(o, c))) return { kind: 'sampled', values: numberSamples(cells) };
  if (decl.type === 'string' && pairs.every(([o, c]) => stringSampleable(o, c))) return { kind: 'sampled', values: stringSamples(cells) };
  return undefined;
}

/** The table's dimensions and opaque columns; rows whose cell count is wrong are left out (`rows` says which are in). */
export function groundOf(table: DecisionTable, facts: Readonly<Record<string, FactDeclaration>>, rows: readonly number[]): TableGround {
  const groups = new Map<string, number[]>();
  table.columns.forEach((column, c) => {
    // A column with a path reads a part of the fact: opaque, on its own.
    const key = column.path ? `#${c}` : column.fact;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  });
  const dimensions: Dimension[] = [];
  const opaque: OpaqueColumn[] = [];
  for (const columns of groups.values()) {
    const first = table.columns[columns[0]];
    const used = columns.flatMap((c) => rows.map((r) => [table.columns[c].operator, table.rows[r].cells[c]] as const).filter(([, cell]) => cell !== null));
    const domain = first.path
      ? undefined
      : domainOf(
          facts[first.fact],
          used.map(([o]) => o),
          used.map(([, cell]) => cell),
        );
    if (!domain) {
      for (const c of columns) opaque.push({ column: c, cells: table.rows.map((row) => (row.cells[c] == null ? null : (canonicalJson(row.cells[c]) ?? null))) });
      continue;
    }
    const accepts = table.rows.map((row) =>
      domain.values.map((value) => columns.every((c) => row.cells[c] === null || cellAccepts(table.columns[c].operator, row.cells[c], value))),
    );
    dimensions.push({ ...domain, fact: first.fact, columns, accepts });
  }
  return { dimensions, opaque };
}
