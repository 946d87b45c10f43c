/** A case's page: its decisions with their traces, its tasks, incidents, notices, events and audit trail, and what an operator does to it. */
import type { RuleTrace } from '../../../rules/engine';
import type { AuditRow } from './audit';
import { request, seg } from './client';

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

/** A timer the case waits on (the workflow's state query): a timer node, an event's timeout or a task's deadline. */
export interface PendingTimer {
  nodeId: string;
  visit: number;
  kind: 'timer' | 'event_timeout' | 'task_deadline';
  dueAt: string;
}

export interface CaseNotice {
  id: string;
  channel: string;
  recipient: { type: string; id: string };
  template: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deliveries: string[];
}

export interface CaseEvent {
  name: string;
  receivedAt: string;
  payload: unknown;
}

/** A row of a case's audit trail: as GET /api/audit answers it, without the address and the chain's hashes. */
export type CaseAuditRow = Omit<AuditRow, 'ip' | 'hash' | 'prevHash'>;

/** POST /api/cases/:id/migrate/preview: where each active node would go, what the new version lacks, and why it is refused when unsafe. */
export interface MigrationPreview {
  processKey: string;
  fromVersion: number;
  toVersion: number;
  safe: boolean;
  refusal?: { code: string; message: string };
  moves: { fromNode: string; fromType: string | null; toNode: string; toType: string | null; mapped: boolean }[];
  missingVariables: { name: string; required: boolean }[];
}

export interface MigrationRequest {
  toVersion: number;
  nodeMapping?: Record<string, string>;
}

export const caseDecisions = (id: string) => request<CaseDecision[]>('GET', `/cases/${seg(id)}/decisions`);
export const caseTasks = (id: string) => request<CaseTask[]>('GET', `/tasks?caseId=${seg(id)}&limit=200`);
export const caseIncidents = (id: string) => request<Incident[]>('GET', `/incidents?caseId=${seg(id)}&limit=200`);
export const resolveIncident = (id: string, resolution: Resolution) => request<Incident>('POST', `/incidents/${seg(id)}/resolve`, resolution);
export const sendCaseEvent = (id: string, name: string, payload: unknown) => request<unknown>('POST', `/cases/${seg(id)}/events/${seg(name)}`, { payload });
export const cancelCase = (id: string, reason: string) => request<unknown>('POST', `/cases/${seg(id)}/cancel`, { reason });
export const caseNotices = (id: string) => request<CaseNotice[]>('GET', `/cases/${seg(id)}/notices`);
export const caseEvents = (id: string) => request<CaseEvent[]>('GET', `/cases/${seg(id)}/events`);
export const caseAudit = (id: string) => request<CaseAuditRow[]>('GET', `/cases/${seg(id)}/audit`);
export const previewMigration = (id: string, body: MigrationRequest) => request<MigrationPreview>('POST', `/cases/${seg(id)}/migrate/preview`, body);
export const migrateCase = (id: string, body: MigrationRequest) => request<{ fromNode: string; toNode: string; toVersion: number }>('POST', `/cases/${seg(id)}/migrate`, body);

