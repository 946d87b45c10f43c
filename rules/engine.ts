/**
 * Rule sets on json-rules-engine: one Engine per published version, built once and
 * cached; each evaluation answers the events fired, the outcome and a trace.
 * Node-side only (API and activities, not the workflow sandbox): json-rules-engine
 * loads jsonpath-plus, whose Node build requires `vm`, even though we never use it.
 */
import { Engine, type RuleResult } from 'json-rules-engine';
import { valueReference } from './condition-walk';
import { factInput, planFacts, type FactPlan } from './fact-input';
import { coreOperators, operators } from './operators';
import { resolvePath } from './path';
import type { RuleProblem } from './rule-problem';
import type { Rule, RuleSet } from './ruleset-schema';
import { validateRuleSet } from './ruleset-validate';
import { compileTable } from './table-compile';
import { conditionTrace, type RuleTrace } from './trace';

export { MissingFactsError } from './fact-input';
export type { ConditionTrace, RuleTrace } from './trace';

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
  /** A private copy: later changes to the caller's object do not reach the engine. */
  readonly definition: RuleSet;
  /** The rules in definition order (a table's rows compiled); the engine knows rule i by the name `String(i)`. */
  readonly rules: readonly Rule[];
  readonly engine: Engine;
  readonly facts: FactPlan;
}

export interface FiredEvent {
  type: string;
  params: Record<string, unknown>;
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

export function compileRuleSet(def: RuleSet): CompiledRuleSet {
  const problems = validateRuleSet(def);
  if (problems.length > 0) throw new InvalidRuleSetError(problems);
  const definition = structuredClone(def);
  const { rules, stopAfterFirstMatch } =
    definition.kind === 'table' ? compileTable(definition.table) : { rules: definition.rules, stopAfterFirstMatch: false };

  const engine = new Engine([], {
    allowUndefinedFacts: false,
    // The engine resolves every param of every rule result (passed or not) through a promise when this is on;
    // without a fact reference in any params that is pure cost, so it is on only where it changes something.
    replaceFactsInEventParams: rules.some((r) => Object.values(r.event.params ?? {}).some((v) => valueReference(v) !== undefined)),
    // Never the default jsonpath-plus resolver, which has had code-execution CVEs.
    pathResolver: resolvePath,
  });
  for (const [name, fn] of Object.entries(operators)) if (!(name in coreOperators)) engine.addOperator(name, fn);
  for (const [name, condition] of Object.entries(definition.conditions ?? {})) engine.setCondition(name, condition);
  // Internal names are indexes: definition names are optional and may repeat.
  rules.forEach((rule, i) => engine.addRule({ name: String(i), priority: rule.priority ?? 1, conditions: rule.conditions, event: rule.event }));
  if (stopAfterFirstMatch) {
    // EventEmitter2 calls listeners with `this` set to the emitter, which is the per-run view (see evaluateRuleSet),
    // so stopping ends that run only.
    engine.on('success', function (this: Engine) {
      this.stop();
    });
  }
  return { key: definition.key, definition, rules, engine, facts: planFacts(definition, rules) };
}

/** Throws MissingFactsError naming every required fact that is absent and has no declared default. */
export async function evaluateRuleSet(compiled: CompiledRuleSet, facts: Readonly<Record<string, unknown>>): Promise<Evaluation> {
  const input = factInput(compiled.facts, facts);
  // An Engine keeps its run status on itself, so concurrent runs of one Engine end each other's remaining
  // priority levels (a run that finishes or stops first marks the engine FINISHED). A view that inherits
  // the engine and owns only its status keeps each run apart without rebuilding the engine.
  const run = Object.create(compiled.engine) as Engine;
  const { results, failureResults } = await run.run(input);

  const byRule = new Array<RuleResult | undefined>(compiled.rules.length);
  for (const r of results) byRule[Number(r.name)] = r;
  for (const r of failureResults) byRule[Number(r.name)] = r;

  const events = results
    .slice()
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1) || Number(a.name) - Number(b.name))
    .map((r) => ({ type: r.event?.type ?? '', params: r.event?.params ?? {} }));
  let trace: RuleTrace[] | undefined;
  return {
    events,
    outcome: events[0]?.type ?? null,
    // Built on first read: walking every condition costs about a quarter of a run, and callers such as
    // the impact preview never read it. Enumerable, so JSON and structured clones still carry it.
    get trace() {
      return (trace ??= traceOf(compiled.rules, byRule));
    },
    facts: input,
  };
}

function traceOf(rules: readonly Rule[], byRule: readonly (RuleResult | undefined)[]): RuleTrace[] {
  return rules.map((rule, i): RuleTrace => {
    const r = byRule[i];
    return {
      name: rule.name ?? `rule-${i + 1}`,
      priority: rule.priority ?? 1,
      event: rule.event.type,
      evaluated: r !== undefined,
      passed: r?.result === true,
      conditions: r ? conditionTrace(r) : [],
    };
  });
}

const CACHE_LIMIT = 200;
const cache = new Map<string, CompiledRuleSet>();

/**
 * The compiled engine of a published (immutable) version, compiled on first use.
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
