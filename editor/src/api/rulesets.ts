/** The rule set endpoints: drafts, publishing, "Try it" evaluation and impact preview. */
import type { Condition } from '../../../rules/condition';
import { request, seg, type Problem } from './client';
import type { VersionInfo } from './processes';

export type FactType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'date';

export interface FactDeclaration {
  type: FactType;
  default?: unknown;
  enum?: unknown[];
}

export interface RuleEvent {
  type: string;
  params?: Record<string, unknown>;
}

export interface Rule {
  name?: string;
  priority?: number;
  conditions: Condition;
  event: RuleEvent;
}

export type HitPolicy = 'first' | 'priority' | 'collect';

export interface DecisionTable {
  hitPolicy: HitPolicy;
  columns: { fact: string; operator: string }[];
  rows: { cells: unknown[]; outcome: string; params?: Record<string, unknown> }[];
}

interface RuleSetBase {
  key: string;
  name: { zh: string; en: string };
  facts: Record<string, FactDeclaration>;
}

export type RuleSetDefinition = (RuleSetBase & { kind: 'rules'; rules: Rule[] }) | (RuleSetBase & { kind: 'table'; table: DecisionTable });

export interface RuleSetSummary {
  key: string;
  name: { zh: string; en: string };
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface RuleSetDetail {
  key: string;
  name: { zh: string; en: string };
  draft: { definition: RuleSetDefinition; updatedAt: string; author: string } | null;
  versions: VersionInfo[];
}

export interface ConditionTrace {
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
}

export interface Evaluation {
  events: RuleEvent[];
  outcome?: unknown;
  trace: { rule: string; passed: boolean; conditions: ConditionTrace[] }[];
}

export interface Simulation {
  total: number;
  changed: number;
  transitions: { from: string; to: string; count: number }[];
}

export const listRuleSets = () => request<RuleSetSummary[]>('GET', '/rulesets');
export const getRuleSet = (key: string) => request<RuleSetDetail>('GET', `/rulesets/${seg(key)}`);
export const getRuleSetVersion = (key: string, version: number) =>
  request<{ definition: RuleSetDefinition }>('GET', `/rulesets/${seg(key)}/versions/${seg(version)}`);
export const saveRuleSetDraft = (key: string, definition: RuleSetDefinition) =>
  request<{ problems?: Problem[] }>('PUT', `/rulesets/${seg(key)}/draft`, { definition });
export const publishRuleSet = (key: string, comment: string) =>
  request<{ version: number }>('POST', `/rulesets/${seg(key)}/publish`, { comment });
export const evaluateDraft = (key: string, facts: Record<string, unknown>) =>
  request<Evaluation>('POST', `/rulesets/${seg(key)}/evaluate`, { facts, draft: true });
export const simulateDraft = (key: string) => request<Simulation>('POST', `/rulesets/${seg(key)}/simulate`, { draft: true });
