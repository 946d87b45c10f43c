/**
 * Decisions per second through our evaluation path (a cached compiled rule set,
 * missing-fact check, defaults, a per-run engine view, events ordered) against raw
 * json-rules-engine running the same rules on the same facts with one reused Engine.
 * The trace is built when read, so a third figure reads it, as a recorded decision does.
 * Run alone: npx tsx bench/rules.bench.ts
 */
import { Engine } from 'json-rules-engine';
import { evaluateRuleSet, getCompiled } from '../rules/engine';
import { builtInRuleSets } from '../rules/library';
import type { RulesRuleSet } from '../rules/ruleset-schema';

const ROUNDS = 10;
const PER_ROUND = 1_000;

/** A spread of arrivals, so both paths see every outcome. */
const CASES: Record<string, unknown>[] = [
  { originRisk: 'high', itineraryRisk: 'none', healthCode: 'green', testResult: 'negative', testAgeHours: 12, age: 35 },
  { originRisk: 'medium', itineraryRisk: 'low', healthCode: 'green', testResult: 'negative', testAgeHours: 30, age: 50 },
  { originRisk: 'low', itineraryRisk: 'none', healthCode: 'yellow', testResult: 'negative', testAgeHours: 20, age: 22 },
  { originRisk: 'none', itineraryRisk: 'none', healthCode: 'green', testResult: 'negative', testAgeHours: 10, age: 41 },
  { originRisk: 'none', itineraryRisk: 'high', healthCode: 'red', testResult: 'positive', testAgeHours: 2, age: 8 },
];

export async function benchRules(): Promise<{ ours: number; raw: number; ratio: number; oursWithTrace: number }> {
  const def = builtInRuleSets.find((d): d is RulesRuleSet => d.key === 'arrival-classification' && d.kind === 'rules');
  if (!def) throw new Error('arrival-classification is not among the built-in rule sets');

  const raw = new Engine(def.rules);
  for (const [name, condition] of Object.entries(def.conditions ?? {})) raw.setCondition(name, condition);
  // The raw path gets the facts as our path hands them to the engine (declared defaults filled in).
  const rawCases = CASES.map((c) => ({ testAgeHours: 9999, ...c }));

  const ourPath = async () => {
    for (let i = 0; i < PER_ROUND; i++) {
      await evaluateRuleSet(getCompiled(def.key, 1, def), CASES[i % CASES.length]);
    }
  };
  const tracedPath = async () => {
    for (let i = 0; i < PER_ROUND; i++) {
      const evaluation = await evaluateRuleSet(getCompiled(def.key, 1, def), CASES[i % CASES.length]);
      if (evaluation.trace.length === 0) throw new Error('empty trace');
    }
  };
  const rawPath = async () => {
    for (let i = 0; i < PER_ROUND; i++) await raw.run(rawCases[i % rawCases.length]);
  };

  // Warm both paths (JIT, compile cache) before measuring.
  await ourPath();
  await tracedPath();
  await rawPath();
  let oursMs = 0;
  let rawMs = 0;
  let tracedMs = 0;
  // Alternating rounds spread drift (GC, CPU frequency, other load) over every side.
  for (let round = 0; round < ROUNDS; round++) {
    oursMs += await timed(ourPath);
    rawMs += await timed(rawPath);
    tracedMs += await timed(tracedPath);
  }
  const rate = (ms: number) => (ROUNDS * PER_ROUND * 1000) / ms;
  return { ours: rate(oursMs), raw: rate(rawMs), ratio: rawMs / oursMs, oursWithTrace: rate(tracedMs) };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

if (require.main === module) {
  benchRules().then(
    ({ ours, raw, ratio, oursWithTrace }) => {
      console.log(`rules: ours ${ours.toFixed(0)} decisions/s, raw json-rules-engine ${raw.toFixed(0)} decisions/s, ratio ${ratio.toFixed(3)} (target >= 0.9)`);
      console.log(`rules: ours with the trace read ${oursWithTrace.toFixed(0)} decisions/s, ratio ${(oursWithTrace / raw).toFixed(3)}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
