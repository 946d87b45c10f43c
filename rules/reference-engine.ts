/**
 * json-rules-engine as the reference implementation: the evaluation path rule sets ran on
 * before they were compiled (one Engine per rule set, our operators and plain-path resolver,
 * the trace read from its rule results). The differential test and the benchmark hold the
 * compiled evaluator (engine.ts) to it; nothing in the product evaluates with it.
 */
import { Engine, type RuleResult } from 'json-rules-engine';
import { coreOperators, operators, resolvePath, valueReference } from '../language';
import { factInput, planFacts, type FactPlan } from './fact-input';
import { settleHits } from './hit-policy';
import { rulesOf, type Evaluation } from './engine';
import type { HitPolicy, Rule, RuleSet } from './ruleset-schema';
import { conditionTrace, type RuleTrace } from './trace';

export interface ReferenceRuleSet {
  readonly rules: readonly Rule[];
  readonly engine: Engine;
  readonly facts: FactPlan;
  readonly hitPolicy?: HitPolicy;
}

/** A json-rules-engine Engine for a rule set compileRuleSet accepts (not validated again here), configured as the product's was. */
export function compileReference(def: RuleSet): ReferenceRuleSet {
  // JSON, as definitions arrive, not structuredClone: the library rewrites each leaf's priority in the object
  // it is given, so two leaves must not share one object.
  const definition = JSON.parse(JSON.stringify(def)) as RuleSet;
  const { rules, stopAfterFirstMatch, hitPolicy } = rulesOf(definition);

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
    // EventEmitter2 calls listeners with `this` set to the emitter, which is the per-run view (see evaluateReference),
    // so stopping ends that run only.
    engine.on('success', function (this: Engine) {
      this.stop();
    });
  }
  return { rules, engine, facts: planFacts(definition, rules), hitPolicy };
}

/** The reference's answer for the facts, in the compiled evaluator's shape (the trace built at once). */
export async function evaluateReference(ref: ReferenceRuleSet, facts: Readonly<Record<string, unknown>>): Promise<Evaluation> {
  const input = factInput(ref.facts, facts);
  // An Engine keeps its run status on itself, so concurrent runs of one Engine end each other's remaining
  // priority levels (a run that finishes or stops first marks the engine FINISHED). A view that inherits
  // the engine and owns only its status keeps each run apart without rebuilding the engine.
  const run = Object.create(ref.engine) as Engine;
  const { results, failureResults } = await run.run(input);

  const byRule = new Array<RuleResult | undefined>(ref.rules.length);
  for (const r of results) byRule[Number(r.name)] = r;
  for (const r of failureResults) byRule[Number(r.name)] = r;

  const passed = results.slice().sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1) || Number(a.name) - Number(b.name));
  const events = settleHits(
    ref.hitPolicy,
    passed.map((r) => ({ index: Number(r.name), name: nameOf(ref.rules, Number(r.name)) })),
    passed.map((r) => ({ type: r.event?.type ?? '', params: r.event?.params ?? {} })),
  );
  return { events, outcome: events[0]?.type ?? null, trace: traceOf(ref.rules, byRule), facts: input };
}

const nameOf = (rules: readonly Rule[], i: number) => rules[i].name ?? `rule-${i + 1}`;

function traceOf(rules: readonly Rule[], byRule: readonly (RuleResult | undefined)[]): RuleTrace[] {
  return rules.map((rule, i): RuleTrace => {
    const r = byRule[i];
    return {
      name: nameOf(rules, i),
      priority: rule.priority ?? 1,
      event: rule.event.type,
      evaluated: r !== undefined,
      passed: r?.result === true,
      conditions: r ? conditionTrace(r) : [],
    };
  });
}
