/**
 * What the rules benchmark evaluates: each built-in rule set with facts drawn from its
 * declarations, and a generated set of 200 rules in the library's style (enum facts,
 * ranges, lists, a path into an object, named conditions, nested any/not, priorities,
 * params that read facts). Seeded, so every run measures the same decisions.
 */
import { builtInRuleSets } from '../domain/library/rulesets';
import type { Condition } from '../language';
import type { FactDeclaration, Rule, RuleSet } from '../rules/ruleset-schema';

export interface Workload {
  name: string;
  def: RuleSet;
  facts: Record<string, unknown>[];
}

/** mulberry32: a small seeded generator, so the workloads are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const some = <T>(rng: Rng, xs: readonly T[], n: number): T[] => [...xs].sort(() => rng() - 0.5).slice(0, n);

/** Strings a rule set mentions anywhere (the values its rules and rows compare with). */
function stringsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** A value for a declared fact: an enum value, a number of the domain's size, a string the rule set uses. */
function sample(rng: Rng, decl: FactDeclaration, strings: readonly string[]): unknown {
  if (decl.enum) return pick(rng, decl.enum);
  switch (decl.type) {
    case 'number':
      return int(rng, 0, 90);
    case 'boolean':
      return rng() < 0.5;
    case 'array':
      return some(rng, [1, 2, 3, 4, 5, 6, 7, 10, 14], int(rng, 1, 4)).sort((x, y) => x - y);
    case 'datetime':
      return new Date(Date.UTC(2022, 3, int(rng, 1, 28), int(rng, 0, 23))).toISOString();
    case 'object':
      return { address: { district: pick(rng, DISTRICTS) } };
    case 'string':
      return pick(rng, strings);
  }
}

/** `count` sets of facts for `def`, each declared fact given (a declared default left to apply now and then). */
export function factsFor(def: RuleSet, count: number, seed: number): Record<string, unknown>[] {
  const rng = random(seed);
  const strings = [...stringsIn(def.kind === 'rules' ? def.rules : def.table.rows)];
  return Array.from({ length: count }, () => {
    const facts: Record<string, unknown> = {};
    for (const [name, decl] of Object.entries(def.facts)) {
      if (decl.default !== undefined && rng() < 0.3) continue;
      facts[name] = sample(rng, decl, strings);
    }
    return facts;
  });
}

const REGIONS = Array.from({ length: 12 }, (_, i) => `region-${i}`);
const DISTRICTS = ['qinghe', 'qingpu', 'huaiyin', 'huaian', 'lianshui'];
const OUTCOMES = ['release', 'arrival-tests', 'home-quarantine', 'centralized-quarantine', 'hospital-transfer', 'monitor', 'escalate', 'recheck'];

function leafFor(rng: Rng): Condition {
  switch (int(rng, 0, 7)) {
    case 0:
      return { fact: 'region', operator: 'inList', value: some(rng, REGIONS, int(rng, 2, 5)) };
    case 1:
      return { fact: 'risk', operator: 'equal', value: pick(rng, ['high', 'medium', 'low', 'none']) };
    case 2:
      return { fact: 'code', operator: 'in', value: some(rng, ['green', 'yellow', 'red'], int(rng, 1, 2)) };
    case 3: {
      const lo = int(rng, 0, 60);
      return { fact: 'age', operator: 'betweenInclusive', value: [lo, lo + int(rng, 5, 30)] };
    }
    case 4:
      return { fact: 'temperature', operator: 'greaterThanInclusive', value: pick(rng, [37.3, 37.5, 38, 38.5]) };
    case 5:
      return { fact: 'person', path: 'address.district', operator: 'equal', value: pick(rng, DISTRICTS) };
    case 6:
      return { fact: 'symptoms', operator: 'contains', value: pick(rng, ['fever', 'cough', 'fatigue']) };
    default:
      return { fact: 'lastTest', operator: 'before', value: new Date(Date.UTC(2022, 3, int(rng, 1, 28))).toISOString() };
  }
}

function conditionFor(rng: Rng): Condition {
  const r = rng();
  if (r < 0.15) return { condition: pick(rng, ['adult', 'feverish', 'riskyArea']) };
  if (r < 0.3) return { any: [leafFor(rng), leafFor(rng)] };
  if (r < 0.38) return { not: leafFor(rng) };
  return leafFor(rng);
}

/** 200 rules (by default) over ten facts, all of them evaluated on every decision (no hit policy stops them). */
export function generatedRuleSet(rules = 200, seed = 200): RuleSet {
  const rng = random(seed);
  const generated = Array.from({ length: rules }, (_, i): Rule => ({
    name: `rule ${i + 1}`,
    priority: 1 + (i % 5),
    conditions: { all: Array.from({ length: int(rng, 2, 4) }, () => conditionFor(rng)) },
    event: {
      type: pick(rng, OUTCOMES),
      params: rng() < 0.3 ? { days: int(rng, 3, 14), age: { fact: 'age' } } : { days: int(rng, 3, 14), level: pick(rng, ['A', 'B', 'C']) },
    },
  }));
  return {
    key: 'generated-200',
    name: { zh: '生成的规则集', en: 'Generated rule set' },
    kind: 'rules',
    facts: {
      region: { type: 'string', enum: REGIONS },
      risk: { type: 'string', enum: ['high', 'medium', 'low', 'none'] },
      code: { type: 'string', enum: ['green', 'yellow', 'red'] },
      age: { type: 'number' },
      temperature: { type: 'number', default: 36.6 },
      person: { type: 'object', default: { address: { district: 'qinghe' } } },
      symptoms: { type: 'array', default: [] },
      lastTest: { type: 'datetime' },
      vaccinated: { type: 'boolean', default: false },
      days: { type: 'number', default: 7 },
    },
    paramFacts: ['age'],
    conditions: {
      adult: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] },
      feverish: { any: [{ fact: 'temperature', operator: 'greaterThanInclusive', value: 37.3 }, { fact: 'symptoms', operator: 'contains', value: 'fever' }] },
      riskyArea: { all: [{ fact: 'region', operator: 'inList', value: REGIONS.slice(0, 4) }, { fact: 'risk', operator: 'in', value: ['high', 'medium'] }] },
    },
    rules: generated,
  };
}

/** The built-in rule sets and the generated one, each with 64 sets of facts. */
export function ruleWorkloads(): Workload[] {
  const defs = [...builtInRuleSets, generatedRuleSet()];
  return defs.map((def, i) => ({ name: def.key, def, facts: factsFor(def, 64, 1_000 + i) }));
}
