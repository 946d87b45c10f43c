/**
 * Runs a rule set's own tests (ruleset-schema.ts ruleTestSchema) against a compiled candidate: what
 * a draft save answers (green/red per test) and what a publish refuses on without an
 * acknowledgement. A test whose facts the rule set cannot evaluate (a missing fact, a broken hit
 * policy) fails with that reason rather than failing the run.
 */
import { evaluateRuleSet, type CompiledRuleSet } from './engine';
import { canonicalJson } from './json-value';
import type { RuleTest } from './ruleset-schema';

export interface RuleTestResult {
  /** Position in the rule set's `tests`, from 0. */
  index: number;
  name: string;
  passed: boolean;
  /** Why it failed, one line per expectation not met ("outcome: expected hospital, got home-quarantine"). */
  failures: string[];
  /** What the candidate decided, for the editor to show beside the expectation. */
  actual: { outcome: string | null; events: { type: string; params: Record<string, unknown> }[] } | { error: string };
}

export interface RuleTestReport {
  total: number;
  passed: number;
  failed: number;
  results: RuleTestResult[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const show = (v: unknown) => (v === undefined ? 'nothing' : (canonicalJson(v) ?? String(v)));

/** Each param named in `expected` with a different value in `actual`, as a failure line under `where`. */
function paramFailures(where: string, expected: Record<string, unknown> | undefined, actual: Record<string, unknown> | undefined): string[] {
  return Object.entries(expected ?? {}).flatMap(([name, value]) =>
    same(value, actual?.[name]) ? [] : [`${where}.${name}: expected ${show(value)}, got ${show(actual?.[name])}`],
  );
}

async function runOne(candidate: CompiledRuleSet, test: RuleTest, index: number): Promise<RuleTestResult> {
  let evaluation;
  try {
    evaluation = await evaluateRuleSet(candidate, test.facts);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { index, name: test.name, passed: false, failures: [`cannot be evaluated: ${error}`], actual: { error } };
  }
  const { outcome, events } = evaluation;
  const { expect } = test;
  const failures: string[] = [];
  if (expect.outcome !== undefined && expect.outcome !== outcome) failures.push(`outcome: expected ${show(expect.outcome)}, got ${show(outcome)}`);
  failures.push(...paramFailures('params', expect.params, events[0]?.params));
  if (expect.events) {
    const types = events.map((e) => e.type);
    const wanted = expect.events.map((e) => e.type);
    if (!same(types, wanted)) failures.push(`events: expected ${show(wanted)}, got ${show(types)}`);
    else expect.events.forEach((e, i) => failures.push(...paramFailures(`events[${i}].params`, e.params, events[i].params)));
  }
  return { index, name: test.name, passed: failures.length === 0, failures, actual: { outcome, events } };
}

export async function runRuleTests(candidate: CompiledRuleSet, tests: readonly RuleTest[]): Promise<RuleTestReport> {
  const results: RuleTestResult[] = [];
  for (const [i, test] of tests.entries()) results.push(await runOne(candidate, test, i));
  const passed = results.filter((r) => r.passed).length;
  return { total: results.length, passed, failed: results.length - passed, results };
}
