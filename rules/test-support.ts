/** Builders for rule set tests (kept beside the library, whose tests are the only users). */
import type { Rule, RuleSet, RulesRuleSet, TableRuleSet, DecisionTable } from './ruleset-schema';

const base = {
  key: 'test-rules',
  name: { zh: '测试', en: 'Test' },
  facts: {
    age: { type: 'number' as const },
    code: { type: 'string' as const, enum: ['green', 'yellow', 'red'] },
    person: { type: 'object' as const },
  },
};

export function rulesSet(rules: Rule[], extra: Partial<Omit<RulesRuleSet, 'kind' | 'rules'>> = {}): RulesRuleSet {
  return { ...base, ...extra, kind: 'rules', rules };
}

export function tableSet(table: DecisionTable, extra: Partial<Omit<TableRuleSet, 'kind' | 'table'>> = {}): TableRuleSet {
  return { ...base, ...extra, kind: 'table', table };
}

/** A rule set as it arrives over HTTP: any JSON, to be validated. */
export function asInput(def: RuleSet): Record<string, unknown> {
  return JSON.parse(JSON.stringify(def)) as Record<string, unknown>;
}
