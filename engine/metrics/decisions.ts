import { Counter } from 'prom-client';
import { registry } from './registry';

const decisions = new Counter({
  name: 'epi_rule_decisions_total',
  help: 'Rule decisions made in cases, by rule set and outcome',
  labelNames: ['ruleset', 'outcome'] as const,
  registers: [registry],
});

/** Counts a decision a case made; `outcome` is the rule set's own word (none when no rule fired). */
export function countDecision(ruleset: string, outcome: string | null): void {
  decisions.inc({ ruleset, outcome: outcome ?? 'none' });
}
