/** A case's page: its decisions with their traces, its tasks and incidents, and what an operator does to it. */
import type { RuleTrace } from '../../../rules/engine';
import { ApiError, request, seg } from './client';

export interface CaseDecision {
  id: string;
  nodeId: string;
  visit: number;
  ruleset: { key: string; version: number };
  facts: Record<string, unknown>;
  outcome: string | null;
  trace: RuleTrace[];
  decidedAt: string;
}

export interface CaseTask {
  id: string;
  nodeId: string;
  title: { zh: string; en: string };
  status: string;
  createdAt: string;
  completedBy: string | null;
}

export type IncidentAction = 'retry' | 'skip' | 'fail';

export interface Incident {
  id: string;
  caseId: string;
  nodeId: string;
  error: string;
  errorType: string | null;
  attempts: number;
  status: 'open' | 'resolving' | 'resolved';
  openedAt: string;
  resolution: { action: IncidentAction | 'case_ended'; outcome: string | null; comment: string | null; by: string | null; at: string | null } | null;
}

export interface Resolution {
  action: IncidentAction;
  outcome?: string;
  output?: unknown;
  comment: string;
}

export const caseDecisions = (id: string) => request<CaseDecision[]>('GET', `/cases/${seg(id)}/decisions`);
export const caseTasks = (id: string) => request<CaseTask[]>('GET', `/tasks?caseId=${seg(id)}&limit=200`);
export const caseIncidents = (id: string) => request<Incident[]>('GET', `/incidents?caseId=${seg(id)}&limit=200`);
export const resolveIncident = (id: string, resolution: Resolution) => request<Incident>('POST', `/incidents/${seg(id)}/resolve`, resolution);
export const sendCaseEvent = (id: string, name: string, payload: unknown) => request<unknown>('POST', `/cases/${seg(id)}/events/${seg(name)}`, { payload });
export const cancelCase = (id: string, reason: string) => request<unknown>('POST', `/cases/${seg(id)}/cancel`, { reason });

/** An error as an operator reads it: the server's message and each field it names. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.problems.length) return `${err.message} (${err.problems.map((p) => `${p.path.replace(/^body\//, '')}: ${p.message}`).join('; ')})`;
  return err instanceof Error ? err.message : String(err);
}
