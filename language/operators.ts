/**
 * The domain's safe operators, shared by json-rules-engine (rule sets) and the
 * workflow's gateway conditions. Pure functions with no I/O and no clock, so they
 * are also safe inside the Temporal workflow sandbox and the browser.
 */

export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

const HOUR_MS = 3_600_000;

function toTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.length > 0) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** json-rules-engine's built-in operators, with its semantics (numeric ones require numbers). */
export const coreOperators: Record<string, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => Array.isArray(b) && b.includes(a),
  notIn: (a, b) => Array.isArray(b) && !b.includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
  lessThan: (a, b) => isNumber(a) && isNumber(b) && a < b,
  lessThanInclusive: (a, b) => isNumber(a) && isNumber(b) && a <= b,
  greaterThan: (a, b) => isNumber(a) && isNumber(b) && a > b,
  greaterThanInclusive: (a, b) => isNumber(a) && isNumber(b) && a >= b,
};

/**
 * Operators this domain adds. Times are ISO strings or epoch milliseconds;
 * `withinHours` compares two times carried in the facts, never the wall clock,
 * so a decision replays identically.
 */
export const domainOperators: Record<string, OperatorFn> = {
  /** fact is one of the listed values (alias of `in` that reads better in tables) */
  inList: (a, b) => Array.isArray(b) && b.includes(a),
  /** fact (an array) shares at least one element with the list */
  intersects: (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x)),
  /** value is [low, high]; both ends included */
  betweenInclusive: (a, b) =>
    isNumber(a) && Array.isArray(b) && b.length === 2 && isNumber(b[0]) && isNumber(b[1]) && a >= b[0] && a <= b[1],
  before: (a, b) => {
    const x = toTime(a);
    const y = toTime(b);
    return x !== undefined && y !== undefined && x < y;
  },
  after: (a, b) => {
    const x = toTime(a);
    const y = toTime(b);
    return x !== undefined && y !== undefined && x > y;
  },
  /** value is {hours, of}: the fact time lies at most `hours` before or after the time `of` */
  withinHours: (a, b) => {
    if (typeof b !== 'object' || b === null) return false;
    const { hours, of } = b as { hours?: unknown; of?: unknown };
    const x = toTime(a);
    const y = toTime(of);
    return isNumber(hours) && x !== undefined && y !== undefined && Math.abs(y - x) <= hours * HOUR_MS;
  },
};

/** Every operator a condition may name. */
export const operators: Record<string, OperatorFn> = { ...coreOperators, ...domainOperators };

export const operatorNames = Object.keys(operators);

/** Operators whose value is a list of values (the editor edits it as tags); betweenInclusive's pair is not. */
export const listOperators: readonly string[] = ['in', 'notIn', 'inList', 'intersects'];
