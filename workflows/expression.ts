/**
 * The expression language of mappings, assignments and computed durations: JSONata,
 * a pure query language with no access to the process, files, network or clock.
 * Its $now, $millis and $random are rebound to values the caller supplies (workflow
 * time and the workflow's seeded random), so an expression replays identically.
 */
import jsonata from 'jsonata';

type Compiled = ReturnType<typeof jsonata>;

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2000;

function compile(source: string): Compiled {
  let expr = cache.get(source);
  if (!expr) {
    expr = jsonata(source);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(source, expr);
  }
  return expr;
}

/** Syntax check without evaluating: undefined when fine, else the parser's message. */
export function expressionError(source: string): string | undefined {
  try {
    compile(source);
    return undefined;
  } catch (err) {
    const e = err as { message?: string; position?: number };
    return e.position !== undefined ? `${e.message} (at character ${e.position})` : String(e.message ?? err);
  }
}

export interface ExpressionClock {
  /** Milliseconds since the epoch, as the workflow sees it. */
  now: number;
  random: () => number;
}

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const NOT_FOUND = Symbol('not found');

/**
 * Most mappings are a plain path (`person.origin`) or a literal: read those directly
 * instead of through JSONata's evaluator. Only where the result is certainly what
 * JSONata would give (plain objects all the way, no arrays to map over).
 */
function evaluateSimply(source: string, variables: Record<string, unknown>): unknown {
  if (NUMBER.test(source)) return Number(source);
  if (source === 'true' || source === 'false') return source === 'true';
  if (source === 'null') return null;
  if (!SIMPLE_PATH.test(source) || ['and', 'or', 'in', 'true', 'false', 'null'].includes(source.split('.')[0])) return NOT_FOUND;
  let cur: unknown = variables;
  for (const step of source.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, step)) return NOT_FOUND;
    cur = (cur as Record<string, unknown>)[step];
  }
  return Array.isArray(cur) || cur === undefined ? NOT_FOUND : cur;
}

/** Evaluates an expression over the case variables. */
export async function evaluateExpression(source: string, variables: Record<string, unknown>, clock: ExpressionClock): Promise<unknown> {
  const simple = evaluateSimply(source, variables);
  if (simple !== NOT_FOUND) return simple;
  const bindings = {
    now: () => new Date(clock.now).toISOString(),
    millis: () => clock.now,
    random: () => clock.random(),
  };
  return compile(source).evaluate(variables, bindings);
}

/** Evaluates each value of a mapping {name: expression}. */
export async function evaluateMapping(
  mapping: Record<string, string> | undefined,
  variables: Record<string, unknown>,
  clock: ExpressionClock,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(mapping ?? {})) out[name] = await evaluateExpression(source, variables, clock);
  return out;
}
