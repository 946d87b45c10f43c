/** Builders and helpers for rule set API tests: definitions stay short, saving and publishing take one call. */
import { DecisionEntity, type DecisionRow } from '../../engine/decisions/decision.entity';
import { canonicalJson } from '../../engine/documents/canonical-hash';
import type { Condition } from '../../language';
import type { RuleSet, RulesRuleSet, RuleTest } from '../../rules/ruleset-schema';
import type { FiredEvents } from '../../rules/test-support';
import type { TestApp } from './app';

export const leaf = (fact = 'age', operator = 'greaterThan', value: unknown = 18): Condition => ({ fact, operator, value });

/** A small valid rule set: adults get an event with the given days. */
export function adultRules(key: string, days = 7, extra: Partial<RulesRuleSet> = {}): RulesRuleSet {
  return {
    key,
    name: { zh: key, en: key },
    kind: 'rules',
    facts: { age: { type: 'number' }, person: { type: 'object' } },
    rules: [{ name: 'adult', conditions: { all: [leaf()] }, event: { type: 'adult', params: { days } } }],
    ...extra,
  };
}

/** Positive test → `hospital`; a contact → `home-quarantine` for `days`; with the rule tests given. */
export function triageRules(key: string, days: number, tests: RuleTest[]): RulesRuleSet {
  return {
    key,
    name: { zh: '分诊', en: 'Triage' },
    kind: 'rules',
    facts: { test: { type: 'string', enum: ['positive', 'negative'] }, contact: { type: 'boolean', default: false } },
    rules: [
      { name: 'positive', priority: 90, conditions: { all: [{ fact: 'test', operator: 'equal', value: 'positive' }] }, event: { type: 'hospital' } },
      { name: 'contact', priority: 50, conditions: { all: [{ fact: 'contact', operator: 'equal', value: true }] }, event: { type: 'home-quarantine', params: { days } } },
    ],
    tests,
  };
}

/** Creates the rule set (or saves its draft when it exists) and publishes it; answers the version. */
export async function publishRuleSet(app: TestApp, def: RuleSet, comment = 'test', user = 'tester'): Promise<number> {
  const { api } = app.as(user);
  const existing = await api('GET', `/api/rulesets/${def.key}`);
  const saved = existing.status === 404 ? await api('POST', '/api/rulesets', def) : await api('PUT', `/api/rulesets/${def.key}/draft`, def);
  if (saved.status >= 300) throw new Error(`saving ${def.key} failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  const res = await api('POST', `/api/rulesets/${def.key}/publish`, { comment });
  if (res.status !== 201) throw new Error(`publishing ${def.key} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version;
}

/** A recorded decision as the interpreter writes it, for the impact preview to read. */
export type SeededDecision = Pick<DecisionRow, 'caseId' | 'nodeId' | 'visit' | 'rulesetKey' | 'rulesetVersion' | 'facts' | 'events' | 'outcome'>;

export async function insertDecisions(app: TestApp, rows: SeededDecision[]): Promise<void> {
  // The trace plays no part in the preview; an empty one keeps the rows small.
  await app.platform.services.db.getRepository(DecisionEntity).insert(rows.map((r) => ({ ...r, trace: [] })));
}

/**
 * Order-free: the library emits equal-priority events in completion order, ours in definition
 * order; and params keys come back in jsonb's order, not the definition's.
 */
export const normalized = (events: FiredEvents): string[] => events.map((e) => canonicalJson(e)).sort();
