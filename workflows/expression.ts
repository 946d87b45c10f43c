/**
 * The expression language of mappings, assignments and computed durations: JSONata,
 * a pure query language with no access to the process, files, network or clock.
 * Its $now, $millis and $random are rebound to values the caller supplies (workflow
 * time and the workflow's seeded random), so an expression replays identically.
 * Every evaluation runs on a budget (expression-budget.ts), so a runaway expression
 * fails its node instead of stalling the worker.
 */
import jsonata from 'jsonata';
import { ExpressionBudget, EVALUATION, installBudgetHooks, type Evaluation } from './expression-budget';

export { ExpressionBudget, ExpressionBudgetError } from './expression-budget';

type Compiled = ReturnType<typeof jsonata>;

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2000;

function compile(source: string): Compiled {
  let expr = cache.get(source);
  if (!expr) {
    expr = jsonata(source);
    installBudgetHooks(expr);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(source, expr);
  }
  return expr;
}

/**
 * Syntax check without evaluating: undefined when fine, else the parser's message. What it parses
 * is not kept: a workflow checks its whole definition at its start, and arrival screening's
 * expressions, kept compiled (each with an environment of its own), held 1.3 MB in plain Node.
 */
export function expressionError(source: string): string | undefined {
  if (isPlainRead(source)) return undefined;
  try {
    jsonata(source);
    return undefined;
  } catch (err) {
    return asError(err).message;
  }
}

/** The parsed form of an expression (JSONata's AST), for static checks; throws on a syntax error. */
export function expressionAst(source: string): unknown {
  return compile(source).ast();
}

export interface ExpressionClock {
  /** Milliseconds since the epoch, as the workflow sees it. */
  now: number;
  random: () => number;
}

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const NOT_FOUND = Symbol('not found');

/** The value of a number, true, false or null written out; NOT_FOUND for anything else. */
function literalOf(source: string): unknown {
  if (NUMBER.test(source)) return Number(source);
  if (source === 'true' || source === 'false') return source === 'true';
  return source === 'null' ? null : NOT_FOUND;
}

/** A plain path of names (`person.origin`) that reads the variables as it says. */
const isPlainPath = (source: string): boolean => SIMPLE_PATH.test(source) && !['and', 'or', 'in', 'true', 'false', 'null'].includes(source.split('.')[0]);

/** A literal or a plain path: always valid JSONata. */
const isPlainRead = (source: string): boolean => literalOf(source) !== NOT_FOUND || isPlainPath(source);

/**
 * Most mappings are a plain path (`person.origin`) or a literal: read those directly
 * instead of through JSONata's evaluator. Only where the result is certainly what
 * JSONata would give (plain objects all the way, no arrays to map over). Such a read
 * costs nothing worth budgeting: it returns a value the case already holds.
 */
function evaluateSimply(source: string, variables: Record<string, unknown>): unknown {
  const literal = literalOf(source);
  if (literal !== NOT_FOUND || !isPlainPath(source)) return literal;
  let cur: unknown = variables;
  for (const step of source.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, step)) return NOT_FOUND;
    cur = (cur as Record<string, unknown>)[step];
  }
  return Array.isArray(cur) || cur === undefined ? NOT_FOUND : cur;
}

/**
 * Evaluates an expression over the case variables. `budget` counts the steps; pass the
 * same one to every evaluation of a path between two waits (a fresh one by default).
 */
export async function evaluateExpression(
  source: string,
  variables: Record<string, unknown>,
  clock: ExpressionClock,
  budget: ExpressionBudget = new ExpressionBudget(),
): Promise<unknown> {
  const simple = evaluateSimply(source, variables);
  if (simple !== NOT_FOUND) return simple;
  const evaluation: Evaluation = { budget, source, depth: 0 };
  const bindings = {
    now: () => new Date(clock.now).toISOString(),
    millis: () => clock.now,
    random: () => clock.random(),
    [EVALUATION]: evaluation,
  };
  try {
    return await compile(source).evaluate(variables, bindings);
  } catch (err) {
    // A broken budget may reach here wrapped (by $eval, say): the budget's own error is the reason.
    if (evaluation.failure) throw evaluation.failure;
    throw asError(err);
  }
}

/**
 * JSONata throws plain objects {code, message, position, value}: make them errors whose message
 * says where. Some messages quote the value at fault (one that will not cast to a number), which
 * may be an ID number: it is left out, since the message becomes the case's error and log lines.
 */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  const e = err as { message?: string; position?: number; value?: unknown };
  let message = String(e.message ?? err);
  if (e.value !== undefined && e.value !== null) {
    // Short values (a 1, a true) say nothing of anyone, and cutting them would maim the message.
    const shown = typeof e.value === 'string' ? [JSON.stringify(e.value), e.value] : [JSON.stringify(e.value)];
    for (const text of shown) if (text.length >= 4) message = message.split(text).join('…');
  }
  return new Error(e.position !== undefined ? `${message} (at character ${e.position})` : message);
}

/** Evaluates each value of a mapping {name: expression}. */
export async function evaluateMapping(
  mapping: Record<string, string> | undefined,
  variables: Record<string, unknown>,
  clock: ExpressionClock,
  budget: ExpressionBudget = new ExpressionBudget(),
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(mapping ?? {})) out[name] = await evaluateExpression(source, variables, clock, budget);
  return out;
}
