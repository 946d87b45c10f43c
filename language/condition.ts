/**
 * Conditions in json-rules-engine's JSON format ({all}, {any}, {not}, {fact, operator,
 * value, path}) and a small synchronous evaluator for them. No zod here (the schema is
 * condition-schema.ts): the workflow bundle imports this, and zod schemas would be
 * rebuilt for every workflow in the sandbox. The workflow's gateway
 * edges use this evaluator (it has no I/O, so it is sandbox-safe); rule sets run
 * through json-rules-engine itself with the same operators.
 */
import { operators } from './operators';
import { isPlainPath, resolvePath } from './path';

export const MAX_CONDITION_DEPTH = 10;

/** `priority` orders evaluation among siblings (higher first), which decides what short-circuits. */
export type FactCondition = {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  params?: Record<string, unknown>;
  name?: string;
  priority?: number;
};
export type Condition =
  | { all: Condition[]; name?: string; priority?: number }
  | { any: Condition[]; name?: string; priority?: number }
  | { not: Condition; name?: string; priority?: number }
  | { condition: string; name?: string; priority?: number }
  | FactCondition;

export interface ConditionProblem {
  path: (string | number)[];
  code: 'unknown_operator' | 'depth_exceeded' | 'bad_path' | 'condition_reference';
  message: string;
}

/** Static checks a schema cannot express: known operators, plain paths, nesting depth. */
export function checkCondition(
  cond: Condition,
  opts: { allowReferences?: boolean; knownOperators?: readonly string[] } = {},
  base: (string | number)[] = [],
  depth = 1,
): ConditionProblem[] {
  const known = opts.knownOperators ?? Object.keys(operators);
  if (depth > MAX_CONDITION_DEPTH) {
    return [{ path: base, code: 'depth_exceeded', message: `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels` }];
  }
  if ('all' in cond) return cond.all.flatMap((c, i) => checkCondition(c, opts, [...base, 'all', i], depth + 1));
  if ('any' in cond) return cond.any.flatMap((c, i) => checkCondition(c, opts, [...base, 'any', i], depth + 1));
  if ('not' in cond) return checkCondition(cond.not, opts, [...base, 'not'], depth + 1);
  if ('condition' in cond) {
    return opts.allowReferences
      ? []
      : [{ path: [...base, 'condition'], code: 'condition_reference', message: 'condition references are not allowed here' }];
  }
  const problems: ConditionProblem[] = [];
  if (!known.includes(cond.operator)) {
    problems.push({ path: [...base, 'operator'], code: 'unknown_operator', message: `unknown operator '${cond.operator}'` });
  }
  // Same grammar as the resolver, so a path accepted here never throws at evaluation.
  if (cond.path !== undefined && !isPlainPath(cond.path)) {
    problems.push({ path: [...base, 'path'], code: 'bad_path', message: `path '${cond.path}' is not a plain dotted path` });
  }
  return problems;
}

/** json-rules-engine reads any object with an own `fact` key as a reference, so such an object must be exactly one. */
export function looksLikeFactReference(v: unknown): v is { fact: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, 'fact');
}

function factValue(facts: Record<string, unknown>, fact: string, path?: string): unknown {
  const root = Object.prototype.hasOwnProperty.call(facts, fact) ? facts[fact] : undefined;
  return path ? resolvePath(root, path) : root;
}

function resolveValue(facts: Record<string, unknown>, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    const ref = value as { fact: string; path?: string };
    return factValue(facts, ref.fact, ref.path);
  }
  return value;
}

/** Evaluates a condition against plain facts; an unknown operator throws. */
export function evaluateCondition(cond: Condition, facts: Record<string, unknown>): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, facts));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, facts));
  if ('not' in cond) return !evaluateCondition(cond.not, facts);
  if ('condition' in cond) throw new Error(`condition reference '${cond.condition}' cannot be evaluated here`);
  const op = operators[cond.operator];
  if (!op) throw new Error(`unknown operator '${cond.operator}'`);
  return op(factValue(facts, cond.fact, cond.path), resolveValue(facts, cond.value));
}
