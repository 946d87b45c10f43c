/**
 * Rule sets evaluated by compiled closures: each published version is compiled once (and
 * cached) into a program over the registered operators, with json-rules-engine's order of
 * evaluation; each evaluation answers the events fired, the outcome and a trace.
 * json-rules-engine itself stays as the reference (reference-engine.ts): the differential
 * test holds both to the same events, params and traces.
 */
import { copyJson } from './json-value';
import { compileProgram, type Program } from './compiled/program';
import { explain } from './compiled/explain';
import { runProgram, type ProgramRun } from './compiled/run';
import { factInput, planFacts, type FactPlan } from './fact-input';
import { settleHits, type FiredEvent } from './hit-policy';
import type { RuleProblem } from './rule-problem';
import type { Rule, RuleSet } from './ruleset-schema';
import { validateRuleSet } from './ruleset-validate';
import { compileTable } from './table-compile';
import type { RuleTrace } from './trace';

export { MissingFactsError } from './fact-input';
export { HitPolicyError, type FiredEvent } from './hit-policy';
export type { ConditionTrace, RuleTrace } from './trace';

/**
 * The facts reached a condition its operator cannot apply to (e.g. `in` on a value that is not
 * a list): a fault of the rule set or the facts, which no retry mends.
 */
export class RuleEvaluationError extends Error {
  readonly code = 'rule_evaluation_failed';
  constructor(ruleset: string, cause: unknown) {
    super(`rule set '${ruleset}' cannot be evaluated on these facts: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RuleEvaluationError';
  }
}

/** A definition that fails validation cannot be compiled; `problems` says why. */
export class InvalidRuleSetError extends Error {
  readonly code = 'invalid_ruleset';
  constructor(readonly problems: RuleProblem[]) {
    super(`invalid rule set: ${problems.map((p) => `${p.path || '/'} ${p.code}`).join('; ')}`);
    this.name = 'InvalidRuleSetError';
  }
}

export interface CompiledRuleSet {
  readonly key: string;
  /** A private, frozen copy: later changes to the caller's object do not reach the program. */
  readonly definition: RuleSet;
  /** The rules in definition order (a table's rows compiled). */
  readonly rules: readonly Rule[];
  readonly program: Program;
  readonly facts: FactPlan;
}

export interface Evaluation {
  /** Highest priority first; equal priorities in definition order. */
  events: FiredEvent[];
  /** The first event's type, or null when no rule fired. */
  outcome: string | null;
  trace: RuleTrace[];
  /** The facts the rules saw, defaults filled in: what a decision record keeps. */
  facts: Record<string, unknown>;
}

/** The rules a definition runs as, and how a table's hit policy treats them. */
export function rulesOf(definition: RuleSet) {
  return definition.kind === 'table'
    ? compileTable(definition.table)
    : { rules: definition.rules, stopAfterFirstMatch: false, hitPolicy: undefined };
}

export function compileRuleSet(def: RuleSet): CompiledRuleSet {
  const problems = validateRuleSet(def);
  if (problems.length > 0) throw new InvalidRuleSetError(problems);
  const definition = deepFreeze(copyJson(def));
  const { rules, stopAfterFirstMatch, hitPolicy } = rulesOf(definition);
  const facts = planFacts(definition, rules);
  const program = compileProgram({
    rules,
    conditions: definition.conditions,
    stopAfterFirstMatch,
    hitPolicy,
    given: new Set([...facts.required, ...facts.defaults.keys()]),
  });
  return { key: definition.key, definition, rules, program, facts };
}

/**
 * Throws MissingFactsError naming every required fact that is absent and has no declared default,
 * HitPolicyError when a `unique` or `any` table's matching rows break its policy, and
 * RuleEvaluationError when an operator cannot apply to the facts it meets.
 */
export async function evaluateRuleSet(compiled: CompiledRuleSet, facts: Readonly<Record<string, unknown>>): Promise<Evaluation> {
  const input = factInput(compiled.facts, facts);
  const { program } = compiled;
  let run: ProgramRun;
  const fired: FiredEvent[] = [];
  try {
    run = runProgram(program, input);
    for (const rule of run.passed) fired.push({ type: rule.type, params: rule.params(input) });
  } catch (err) {
    throw new RuleEvaluationError(compiled.key, err);
  }
  return new CompiledEvaluation(settleHits(program.hitPolicy, run.passed, fired), input, program, run);
}

/**
 * An evaluation whose trace is built on first read, from the run's log: callers such as the
 * impact preview never read it. A class rather than an object literal with a getter, which
 * costs V8 microseconds to create, more than a whole evaluation; toJSON still carries the trace.
 */
class CompiledEvaluation implements Evaluation {
  readonly outcome: string | null;
  #trace: RuleTrace[] | undefined;
  readonly #program: Program;
  readonly #run: ProgramRun;

  constructor(
    readonly events: FiredEvent[],
    readonly facts: Record<string, unknown>,
    program: Program,
    run: ProgramRun,
  ) {
    this.outcome = events[0]?.type ?? null;
    this.#program = program;
    this.#run = run;
  }

  get trace(): RuleTrace[] {
    return (this.#trace ??= explain(this.#program, this.#run));
  }

  toJSON(): Evaluation {
    return { events: this.events, outcome: this.outcome, trace: this.trace, facts: this.facts };
  }
}

/** Frozen all the way down: the program and every trace share the definition's literal values. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const CACHE_LIMIT = 200;
const cache = new Map<string, CompiledRuleSet>();

/**
 * The compiled program of a published (immutable) version, compiled on first use.
 * `hash` tells apart a version number reused for other content, e.g. after a test database reset.
 */
export function getCompiled(key: string, version: number, def: RuleSet, hash?: string): CompiledRuleSet {
  const id = hash ? `${key}@${version}#${hash}` : `${key}@${version}`;
  const hit = cache.get(id);
  if (hit) {
    // Re-inserting keeps the Map's order least-recently-used first.
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const compiled = compileRuleSet(def);
  cache.set(id, compiled);
  const oldest = cache.keys().next().value;
  if (cache.size > CACHE_LIMIT && oldest !== undefined) cache.delete(oldest);
  return compiled;
}
