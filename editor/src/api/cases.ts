/** Cases: the statuses a list filters by, test cases started from the editor, and a case's state (variables masked as the API answers them). */
import { request, seg } from './client';

export type CaseStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated';

export interface NodeVisit {
  nodeId: string;
  type: string;
  enteredAt: string;
  leftAt?: string;
  outcome?: string;
  edgeId?: string;
}

export interface CaseSnapshot {
  caseId: string;
  processKey: string;
  version: number;
  status: CaseStatus;
  activeNodes: string[];
  variables: Record<string, unknown>;
  history: NodeVisit[];
  outcome?: string;
  /** Why a failed case failed, and where. */
  error?: { nodeId?: string; message: string; code?: string };
  /** Set when the live state could not be read: only the status (and a failure's error) is in this answer. */
  stateUnavailable?: 'unreadable' | 'no-answer';
  /** The org unit the case belongs to. */
  orgUnit?: string;
  startedAt?: string;
  startedBy?: string;
  /** The case that started this one (a ladder step's linked case, a subprocess's child). */
  parentCaseId?: string | null;
  /** The cases this one started. */
  linkedCases?: LinkedCase[];
}

/** A case another started, as its parent's answer lists it. */
export interface LinkedCase {
  caseId: string;
  processKey: string;
  version: number;
  status: string;
  startedAt: string;
}

export const listStatuses = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'] as const;

export const startCase = (processKey: string, input: Record<string, unknown>, version?: number) =>
  request<{ caseId: string; version: number }>('POST', '/cases', { processKey, version, input });
/**
 * Where a case stands. `waitMs` bounds the server's wait for the case's live state (default 20 s);
 * past it the answer is from the case's record, without variables (`stateUnavailable`).
 */
export const getCase = (id: string, opts: { signal?: AbortSignal; waitMs?: number } = {}) =>
  request<CaseSnapshot>('GET', `/cases/${seg(id)}${opts.waitMs === undefined ? '' : `?waitMs=${opts.waitMs}`}`, undefined, {}, opts.signal);
