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

/** The kinds of waiting node whose deadline ladder may read a rule set, in the order they are shown. */
export const LADDER_KINDS_SHOWN = ['task', 'event', 'timer'] as const;
export type LadderKind = (typeof LADDER_KINDS_SHOWN)[number];

/** GET /api/rulesets/:key/replan-ladders: the open ladders (of the caller's org units) that read the rule set. */
export interface LadderReplanPreview {
  ladders: number;
  cases: number;
  byKind: Record<LadderKind, number>;
  byUnit: { orgUnit: string; ladders: number }[];
}

/** POST /api/rulesets/:key/replan-ladders: how many were found, how many re-planned, and each case's answer. */
export interface LadderReplanResult {
  ladders: number;
  replanned: number;
  cases: { caseId: string; skipped?: string }[];
}

export const previewLadderReplan = (key: string) => request<LadderReplanPreview>('GET', `/rulesets/${seg(key)}/replan-ladders`);
/** `expectedLadders`: the preview's count, so that a re-plan of what changed since is refused (409 replan_preview_stale). */
export const replanLadders = (key: string, expectedLadders: number) => request<LadderReplanResult>('POST', `/rulesets/${seg(key)}/replan-ladders`, { expectedLadders });
