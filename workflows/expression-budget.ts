/**
 * What a JSONata evaluation may spend: nested calls, steps and the size of what each
 * step produces. JSONata calls a hook on entry to and exit from every evaluation step
 * (looked up as `Symbol.for('jsonata.__evaluate_entry' | 'jsonata.__evaluate_exit')`
 * in jsonata 2.x; its own `timeboxExpression` test helper uses them the same way).
 * Steps are counted, not milliseconds: in the workflow sandbox the clock stands still
 * during a workflow task, and a count replays identically.
 */
import type jsonata from 'jsonata';
import { DEFAULT_CASE_LIMITS, LimitError, type ExpressionLimits } from './limits';

/** Thrown when an evaluation breaks a budget; the message names the limit. */
export class ExpressionBudgetError extends LimitError {
  constructor(message: string) {
    super('expression_budget', message);
  }
}

/**
 * Steps spent, shared by the evaluations it is passed to: the interpreter gives one to
 * each path and renews it when the path waits, so many small expressions in a loop add up.
 */
export class ExpressionBudget {
  steps = 0;

  constructor(readonly limits: ExpressionLimits = DEFAULT_CASE_LIMITS.expression) {}
}

/** One evaluation in progress. */
export interface Evaluation {
  budget: ExpressionBudget;
  source: string;
  depth: number;
  /** Once broken, every later step of this evaluation fails too (array items run concurrently). */
  failure?: ExpressionBudgetError;
}

/**
 * The binding that carries the evaluation to the hooks. No JSONata variable can name it
 * (a name ends at whitespace), so an expression cannot read or replace it.
 */
export const EVALUATION = 'evaluation budget';

/** Large values cost steps too, so a loop that builds them cannot fill the memory within its step count. */
const ITEMS_PER_STEP = 100;
const CHARS_PER_STEP = 1000;

/** The parts of a JSONata AST node the hooks read. */
interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  body?: AstNode;
  lhs?: AstNode;
  rhs?: AstNode;
  group?: unknown;
}

interface Frame {
  base: { lookup(name: string): unknown };
}

/** Bodies of the lambdas seen: entering one is a call, which nests (tail calls are trampolined and do not). */
const lambdaBodies = new WeakSet<AstNode>();
/** The upper-bound node of each range whose lower bound is a literal: its size is known before it is built. */
const rangeStarts = new WeakMap<AstNode, number>();

function fail(ev: Evaluation, what: string, expr: AstNode): never {
  const at = expr.position !== undefined ? ` at character ${expr.position}` : '';
  const source = ev.source.length > 80 ? `${ev.source.slice(0, 77)}...` : ev.source;
  ev.failure = new ExpressionBudgetError(`expression budget exceeded: ${what}${at} of '${source}'`);
  throw ev.failure;
}

function spend(ev: Evaluation, steps: number, expr: AstNode): void {
  ev.budget.steps += steps;
  if (ev.budget.steps > ev.budget.limits.steps) fail(ev, `steps over ${ev.budget.limits.steps}`, expr);
}

function evaluationOf(env: Frame): Evaluation {
  return env.base.lookup(EVALUATION) as Evaluation;
}

function onEntry(expr: AstNode, _input: unknown, env: Frame): void {
  const ev = evaluationOf(env);
  if (ev.failure) throw ev.failure;
  spend(ev, 1, expr);
  if (expr.type === 'lambda' && expr.body) lambdaBodies.add(expr.body);
  if (expr.type === 'binary' && expr.value === '..' && expr.lhs?.type === 'number' && expr.rhs) rangeStarts.set(expr.rhs, expr.lhs.value as number);
  if (lambdaBodies.has(expr) && ++ev.depth > ev.budget.limits.depth) fail(ev, `depth over ${ev.budget.limits.depth}`, expr);
}

/** Object results are counted only where a step builds one; a field read returns what the case already holds. */
function buildsObject(expr: AstNode): boolean {
  return expr.type === 'function' || (expr.type === 'unary' && expr.value === '{') || expr.group !== undefined;
}

function onExit(expr: AstNode, _input: unknown, env: Frame, result: unknown): void {
  const ev = evaluationOf(env);
  if (ev.failure) throw ev.failure;
  const { items, chars } = ev.budget.limits;
  if (lambdaBodies.has(expr)) ev.depth--;
  const start = rangeStarts.get(expr);
  if (start !== undefined && typeof result === 'number' && result - start + 1 > items) fail(ev, `range of ${result - start + 1} items over ${items}`, expr);
  if (typeof result === 'string') {
    if (result.length > chars) fail(ev, `string of ${result.length} characters over ${chars}`, expr);
    spend(ev, Math.floor(result.length / CHARS_PER_STEP), expr);
  } else if (Array.isArray(result)) {
    if (result.length > items) fail(ev, `array of ${result.length} items over ${items}`, expr);
    spend(ev, Math.floor(result.length / ITEMS_PER_STEP), expr);
  } else if (result !== null && typeof result === 'object' && buildsObject(expr)) {
    let keys = 0;
    for (const key in result) if (Object.prototype.hasOwnProperty.call(result, key) && ++keys > items) fail(ev, `object of over ${items} keys`, expr);
    spend(ev, Math.floor(keys / ITEMS_PER_STEP), expr);
  }
}

/** Puts the budget hooks on a compiled expression; each evaluation must bind an Evaluation under EVALUATION. */
export function installBudgetHooks(expr: ReturnType<typeof jsonata>): void {
  // The typings declare string names only; jsonata 2.x looks these hooks up by symbol.
  expr.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, onEntry);
  expr.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, onExit);
}
