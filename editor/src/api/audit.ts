/** The audit trail (GET /api/audit): filtered, newest first, one page at a time. */
import { request } from './client';

/** One row: who did what to which object, when and from where. */
export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  kind: string;
  key: string;
  detail: Record<string, unknown>;
  ip: string | null;
  hash: string;
  prevHash: string;
}

/** Each filter matches exactly; `from` (inclusive) and `to` (exclusive) are ISO date-times. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  kind?: string;
  key?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditRow[];
  nextCursor: string | null;
}

export function listAudit(filter: AuditFilter, limit: number, cursor?: string): Promise<AuditPage> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  return request<AuditPage>('GET', `/audit?${query}`);
}
