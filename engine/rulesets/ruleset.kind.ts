/**
 * Rule sets as a kind of document: the shared validator (the editor runs it live) decides, and
 * a draft with any problem is refused, since "Try it" and the impact preview evaluate the draft;
 * a decision table's analysis comes back as warnings. Its own tests run on every save and
 * publish; a version may be scheduled to take effect later.
 */
import { compileRuleSet } from '../../rules/engine';
import { runRuleTests } from '../../rules/rule-tests';
import { diffRuleSets, type RuleSetDiff } from '../../rules/ruleset-diff';
import type { RuleSet } from '../../rules/ruleset-schema';
import { validateRuleSet } from '../../rules/ruleset-validate';
import { warningsOf } from '../../rules/ruleset-warnings';
import type { DocumentKind } from '../documents/document-kind';

/** Problems that mean the JSON is not a rule set at all: its shape, its size, its nesting. */
const STRUCTURAL = new Set(['invalid_schema', 'too_large', 'depth_exceeded']);

export const ruleSetKind: DocumentKind<RuleSet, RuleSetDiff> = {
  id: 'ruleset',
  label: 'rule set',
  invalidCode: 'invalid_ruleset',
  keyPath: 'key',
  draftMayHoldProblems: false,
  check(content) {
    const problems = validateRuleSet(content);
    return { problems, structural: problems.some((p) => STRUCTURAL.has(p.code)) };
  },
  warnings: warningsOf,
  keyOf: (rs) => rs.key,
  nameOf: (rs) => rs.name,
  diff: diffRuleSets,
  schedulable: true,
  async test(rs) {
    const report = await runRuleTests(compileRuleSet(rs), rs.tests ?? []);
    const failing = report.results
      .filter((r) => !r.passed)
      .map((r) => ({ path: `tests/${r.index}`, code: 'rule_test_failed', message: `'${r.name}': ${r.failures.join('; ')}` }));
    return { report, failing };
  },
};
