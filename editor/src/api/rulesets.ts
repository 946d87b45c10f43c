/** The rule set endpoints: drafts, publishing, "Try it" evaluation and impact preview. */
import type { FiredEvent, RuleTrace } from '../../../rules/engine';
import type { RuleSet } from '../../../rules/ruleset-schema';
import type { SimulationResult } from '../../../rules/simulate';
import { request, seg } from './client';
import type { VersionInfo } from './processes';

export type { DecisionTable, FactDeclaration, FactType, HitPolicy, Rule, RuleSet } from '../../../rules/ruleset-schema';

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
  draft: { definition: RuleSet; updatedAt: string; author: string } | null;
  versions: VersionInfo[];
}

/** What "Try it" answers: the events fired, the outcome, and why (the trace). */
export interface Evaluation {
  events: FiredEvent[];
  outcome: string | null;
  trace: RuleTrace[];
}

export type Simulation = SimulationResult;

export const listRuleSets = () => request<RuleSetSummary[]>('GET', '/rulesets');
export const getRuleSet = (key: string) => request<RuleSetDetail>('GET', `/rulesets/${seg(key)}`);
export const getRuleSetVersion = (key: string, version: number) =>
  request<{ definition: RuleSet }>('GET', `/rulesets/${seg(key)}/versions/${seg(version)}`);
/** The body is the definition itself; an invalid one is refused with 422 and its problems. */
export const saveRuleSetDraft = (key: string, definition: RuleSet) => request<unknown>('PUT', `/rulesets/${seg(key)}/draft`, definition);
export const publishRuleSet = (key: string, comment: string) =>
  request<{ version: number }>('POST', `/rulesets/${seg(key)}/publish`, { comment });
/** Which rules "Try it" and impact preview run: the saved draft, or a published version. */
export type Candidate = { draft: true } | { version: number };

export const evaluateRuleSet = (key: string, facts: Record<string, unknown>, candidate: Candidate) =>
  request<Evaluation>('POST', `/rulesets/${seg(key)}/evaluate`, { facts, ...candidate });
export const simulateRuleSet = (key: string, candidate: Candidate) => request<Simulation>('POST', `/rulesets/${seg(key)}/simulate`, candidate);
