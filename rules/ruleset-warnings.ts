/**
 * What may go wrong with a valid rule set, never a reason to refuse it: a decision table's analysis
 * (overlaps under first and priority, unreachable rows, gaps among enum facts) and params that
 * contradict their days. The server answers them on every save and publish; the editor shows them live.
 */
import type { Problem } from '../language';
import { paramConsistencyWarnings } from './param-consistency';
import type { RuleSet } from './ruleset-schema';
import { ruleSetWarnings as tableWarnings } from './table-analysis';

export function warningsOf(def: RuleSet): Problem[] {
  return [...tableWarnings(def), ...paramConsistencyWarnings(def)];
}
