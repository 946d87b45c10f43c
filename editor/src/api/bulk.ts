/** Bulk actions by query (POST /api/bulk/preview, POST /api/bulk, GET /api/bulk/:id…): one action on the cases a filter of the case list selects. */
import type { BulkReasonCode, BulkReasonParams } from '../../../language';
import type { CaseListFilter } from './caseList';
import { request, seg } from './client';

export type BulkAction =
  | { kind: 'cancel'; reason: string }
  | { kind: 'event'; name: string; payload?: unknown }
  | { kind: 'migrate'; toVersion: number; nodeMapping?: Record<string, string> }
  | { kind: 'retry'; comment: string };

export type BulkOutcome = 'act' | 'skip' | 'fail';
export type ItemStatus = 'pending' | 'acting' | 'done' | 'skipped' | 'failed';

/** Why an action acts on a case, skips it or failed on it: English words, and the code and values the UI words them from. */
export interface BulkReason {
  reason: string | null;
  /** Absent on items settled before reasons had codes: their words are shown as they are. */
  reasonCode?: BulkReasonCode | null;
  reasonParams?: BulkReasonParams | null;
}

export interface BulkPreview {
  total: number;
  totalExact: boolean;
  /** More cases than one job may take: the filter must be narrowed. */
  tooMany: boolean;
  maxSelection: number;
  sample: ({ caseId: string; processKey: string; version: number; status: string; currentNodes: string[]; outcome: BulkOutcome } & BulkReason)[];
}

export interface BulkJob {
  id: string;
  action: BulkAction;
  status: 'running' | 'cancelling' | 'completed' | 'cancelled';
  total: number;
  ratePerSecond: number;
  startedBy: string;
  createdAt: string;
  endedAt: string | null;
  counts: Record<ItemStatus, number>;
}

export interface BulkItem extends BulkReason {
  seq: number;
  caseId: string;
  status: ItemStatus;
}

/** The case list's filter as the API reads it: its query parameters, as text. */
function filterBody(filter: CaseListFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).flatMap(([name, value]) => (value === undefined || value === '' ? [] : [[name, String(value)]])));
}

export const previewBulk = (filter: CaseListFilter, action: BulkAction) => request<BulkPreview>('POST', '/bulk/preview', { filter: filterBody(filter), action });
export const startBulk = (filter: CaseListFilter, action: BulkAction, ratePerSecond: number) =>
  request<{ jobId: string; total: number }>('POST', '/bulk', { filter: filterBody(filter), action, ratePerSecond });
export const listBulkJobs = (limit: number) => request<BulkJob[]>('GET', `/bulk?limit=${limit}`);
export const getBulkJob = (id: string) => request<BulkJob>('GET', `/bulk/${seg(id)}`);
export const bulkItems = (id: string, status?: ItemStatus) => request<{ items: BulkItem[]; nextAfter: number | null }>('GET', `/bulk/${seg(id)}/items?limit=100${status ? `&status=${status}` : ''}`);
export const cancelBulk = (id: string) => request<BulkJob>('POST', `/bulk/${seg(id)}/cancel`);
/** The report's address: a plain link downloads it with the session's cookie. */
export const bulkReportUrl = (id: string) => `/api/bulk/${seg(id)}/report.csv`;
