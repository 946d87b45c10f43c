/** The audit rows identity and access write: sign-ins, lockouts, account and token changes. */
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/append';

/** What happened to which account, session or token, and who did it. */
export interface AccessEvent {
  actor: string;
  action: string;
  kind: 'user' | 'session' | 'token';
  key: string;
  detail?: Record<string, unknown>;
}

/** Appends one row to the audit trail (inside `m`'s transaction when given one). */
export async function auditAccess(db: DataSource | EntityManager, event: AccessEvent): Promise<void> {
  await appendAudit(db, event);
}
