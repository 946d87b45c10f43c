/**
 * The compiled evaluator against json-rules-engine (the reference): for random rule sets and
 * random facts, the same events with the same params in the same order, the same outcome, the
 * same trace and the same facts, or the same failure (missing facts, a hit policy broken, or
 * an error of the library's own, such as `in` against a value that is not a list).
 * DIFFERENTIAL_SEED=<n> replays a run; DIFFERENTIAL_RUNS=<n> changes its size.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { compileRuleSet, evaluateRuleSet, HitPolicyError, InvalidRuleSetError, MissingFactsError, type CompiledRuleSet, type Evaluation } from '../engine';
import { compileReference, evaluateReference } from '../reference-engine';
import type { RuleSet } from '../ruleset-schema';
import { factsArbitrary, ruleSetArbitrary } from './rule-set-arbitrary';

const RULE_SETS = Number(process.env.DIFFERENTIAL_RUNS ?? 2_500);
/** Facts evaluated against each generated rule set: one case is one rule set with one set of facts. */
const FACTS_PER_RULE_SET = 8;
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 2 ** 31);

type Outcome = { ok: true; evaluation: Evaluation } | { ok: false; error: unknown };

async function outcomeOf(evaluate: () => Promise<Evaluation>): Promise<Outcome> {
  try {
    const evaluation = await evaluate();
    // Read the (lazy) trace inside the try: building it must not fail either.
    return { ok: true, evaluation: { ...evaluation, trace: evaluation.trace } };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Why two outcomes differ, or undefined when they agree. */
function difference(ours: Outcome, reference: Outcome): string | undefined {
  if (!ours.ok || !reference.ok) {
    if (ours.ok !== reference.ok) return `only one failed: ${String(ours.ok ? (reference as { error: unknown }).error : (ours as { error: unknown }).error)}`;
    const [a, b] = [(ours as { error: unknown }).error, (reference as { error: unknown }).error];
    for (const kind of [MissingFactsError, HitPolicyError]) {
      if (a instanceof kind !== b instanceof kind) return `failed differently: ${String(a)} / ${String(b)}`;
    }
    if (a instanceof MissingFactsError && !isDeepStrictEqual(a.facts, (b as MissingFactsError).facts)) return 'missing facts differ';
    if (a instanceof HitPolicyError && !isDeepStrictEqual([a.hitPolicy, a.rows], [(b as HitPolicyError).hitPolicy, (b as HitPolicyError).rows])) {
      return `hit policy errors differ: ${a.message} / ${(b as HitPolicyError).message}`;
    }
    return undefined;
  }
  for (const part of ['events', 'outcome', 'trace', 'facts'] as const) {
    if (!isDeepStrictEqual(ours.evaluation[part], reference.evaluation[part])) {
      return `${part} differ:\ncompiled  ${JSON.stringify(ours.evaluation[part])}\nreference ${JSON.stringify(reference.evaluation[part])}`;
    }
  }
  return undefined;
}

const tally = { cases: 0, fired: 0, failed: 0, hitPolicy: 0, refused: 0 };

/** Tables under unique or any whose rows certainly overlap are refused at save (table analysis): such a rule set is skipped. */
function compiledOrSkipped(def: RuleSet): CompiledRuleSet {
  try {
    return compileRuleSet(def);
  } catch (err) {
    if (err instanceof InvalidRuleSetError && err.problems.every((p) => p.code === 'table_overlap')) {
      tally.refused++;
      fc.pre(false);
    }
    throw new Error(`the generator made an invalid rule set: ${String(err)}`);
  }
}

describe('compiled evaluation against json-rules-engine', () => {
  it(`agrees on ${RULE_SETS * FACTS_PER_RULE_SET} generated cases (${RULE_SETS} rule sets × ${FACTS_PER_RULE_SET} facts)`, async () => {
    const started = performance.now();
    const property = fc.asyncProperty(ruleSetArbitrary, fc.array(factsArbitrary, { minLength: FACTS_PER_RULE_SET, maxLength: FACTS_PER_RULE_SET }), async (generated, factSets) => {
      // As definitions arrive (JSON), so no two conditions share an object.
      const def = JSON.parse(JSON.stringify(generated)) as RuleSet;
      const compiled = compiledOrSkipped(def);
      const reference = compileReference(def);
      for (const facts of factSets) {
        const ours = await outcomeOf(() => evaluateRuleSet(compiled, facts));
        const theirs = await outcomeOf(() => evaluateReference(reference, facts));
        const why = difference(ours, theirs);
        if (why) throw new Error(`${why}\nrule set ${JSON.stringify(def)}\nfacts ${JSON.stringify(facts)}`);
        tally.cases++;
        if (ours.ok) {
          if (ours.evaluation.events.length > 0) tally.fired++;
        } else {
          tally.failed++;
          if (ours.error instanceof HitPolicyError) tally.hitPolicy++;
        }
      }
    });
    const details = await fc.check(property, { numRuns: RULE_SETS, seed: SEED, maxSkipsPerRun: 1_000 });
    // fast-check names the seed and the shrunk counterexample; the seed alone replays the whole run.
    if (details.failed) throw new Error(`${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}\nreplay: DIFFERENTIAL_SEED=${SEED}`);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `differential: ${tally.cases} cases in ${seconds.toFixed(1)} s (seed ${SEED}): ${tally.fired} fired events, ` +
        `${tally.cases - tally.fired - tally.failed} fired none, ${tally.failed} failed alike (${tally.hitPolicy} on a hit policy); ` +
        `${tally.refused} generated tables refused for overlapping rows`,
    );
    expect(tally.cases).toBe(RULE_SETS * FACTS_PER_RULE_SET);
    // A generator that stopped producing any of the three would prove much less.
    expect(Math.min(tally.fired, tally.failed, tally.cases - tally.fired - tally.failed)).toBeGreaterThan(tally.cases / 50);
  }, 300_000);
});
