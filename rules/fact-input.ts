/**
 * The facts a rule set evaluation is given: declared facts only, declared defaults
 * filled in, and a clear error naming every required fact that is missing (rather
 * than json-rules-engine's first "Undefined fact" or a silent false).
 */
import { conditionsReferenced, factsRead, valueReference, type Condition } from '../language';
import type { RuleSet, Rule } from './ruleset-schema';

export class MissingFactsError extends Error {
  readonly code = 'missing_facts';
  constructor(readonly facts: string[]) {
    super(`missing facts: ${facts.join(', ')}`);
    this.name = 'MissingFactsError';
  }
}

export interface FactPlan {
  declared: readonly string[];
  defaults: ReadonlyMap<string, unknown>;
  /** Read by some rule (directly, through a named condition, or in event params) and without a default. */
  required: readonly string[];
}

export function planFacts(def: RuleSet, rules: readonly Rule[]): FactPlan {
  const defaults = new Map<string, unknown>();
  for (const [name, decl] of Object.entries(def.facts)) if (decl.default !== undefined) defaults.set(name, decl.default);

  const read = new Set<string>();
  const followed = new Set<string>();
  const readFrom = (c: Condition) => {
    factsRead(c).forEach((f) => read.add(f));
    for (const name of conditionsReferenced(c)) {
      const named = def.conditions?.[name];
      if (named && !followed.has(name)) {
        followed.add(name);
        readFrom(named);
      }
    }
  };
  for (const rule of rules) {
    readFrom(rule.conditions);
    for (const v of Object.values(rule.event.params ?? {})) {
      const ref = valueReference(v);
      if (ref) read.add(ref.fact);
    }
  }
  return { declared: Object.keys(def.facts), defaults, required: [...read].filter((f) => !defaults.has(f)) };
}

/** A fresh object of declared facts (own properties only, so `toString` never resolves to a prototype method). */
export function factInput(plan: FactPlan, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  // A loop, not filter: this runs on every decision, and nearly always finds nothing missing.
  for (const f of plan.required) if (own(given, f) === undefined) throw new MissingFactsError(plan.required.filter((r) => own(given, r) === undefined));
  const input: Record<string, unknown> = {};
  for (const name of plan.declared) {
    // null is a value (json-rules-engine compares with it); only undefined takes the default.
    const value = own(given, name);
    if (value !== undefined) input[name] = value;
    else if (plan.defaults.has(name)) input[name] = plan.defaults.get(name);
  }
  return input;
}

function own(obj: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
