/** The rule set endpoints: drafts, publishing, "Try it" evaluation and impact preview. */
import type { FiredEvent, RuleTrace } from '../../../rules/engine';
import type { RuleSet } from '../../../rules/ruleset-schema';
import type { RunningImpact, SimulationResult } from '../../../rules/simulate';
import { request, seg } from './client';
import { documentApi, type DocumentSummary } from './documents';

export type { DecisionTable, FactDeclaration, FactType, HitPolicy, Rule, RuleSet } from '../../../rules/ruleset-schema';

export type RuleSetSummary = DocumentSummary;

/** What "Try it" answers: the events fired, the outcome, and why (the trace). */
export interface Evaluation {
  events: FiredEvent[];
  outcome: string | null;
  trace: RuleTrace[];
}

export interface Simulation extends SimulationResult {
  candidate: string;
  window: { days: number; limit: number; from: string; to: string };
  /** Absent when not asked for; null when no version is in effect to compare with. */
  running?: (RunningImpact & { current: string }) | null;
}

export const listRuleSets = () => request<RuleSetSummary[]>('GET', '/rulesets');
/** A new rule set, as a draft (the body is its definition; one with problems is refused with 422). */
export const createRuleSet = (definition: RuleSet) => request<unknown>('POST', '/rulesets', definition);
/** Drafts (the body is the definition; one with problems is refused with 422), publishing and versions. */
export const ruleSetApi = documentApi<RuleSet>('/rulesets', (definition) => definition);
/** Which rules "Try it" and impact preview run: the saved draft, or a published version. */
export type Candidate = { draft: true } | { version: number };

export const evaluateRuleSet = (key: string, facts: Record<string, unknown>, candidate: Candidate) =>
  request<Evaluation>('POST', `/rulesets/${seg(key)}/evaluate`, { facts, ...candidate });
export const simulateRuleSet = (key: string, candidate: Candidate) => request<Simulation>('POST', `/rulesets/${seg(key)}/simulate`, candidate);
