/**
 * The one writer of the audit trail. Appends are serialised by a transaction-scoped advisory
 * lock, so each row's prev_hash is the hash of the row committed just before it and ids follow
 * the chain's order; a unique index on prev_hash refuses a fork should anything slip past.
 */
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH, type AuditContent } from './audit-chain';
import type { AuditRow } from './audit.entity';
import { requestOrigin } from './origin';

/** Arbitrary, fixed: identifies the audit chain's lock among PostgreSQL advisory locks (the migration lock is 7_274_001). */
const CHAIN_LOCK = 7_274_008;

/** What happened: who did what to which object; `detail` holds what else an auditor needs (before/after hashes, a reason). */
export interface AuditEntry {
  actor: string;
  action: string;
  kind: string;
  key: string;
  detail?: Record<string, unknown>;
  /** Where from; by default the address of the request being served (origin.ts), else none. */
  ip?: string | null;
}

/**
 * Appends one row to the audit trail. Given a manager inside a transaction, the row commits or
 * rolls back with the caller's work; otherwise it gets a transaction of its own. The chain's
 * lock is held until that transaction ends, so call this as the transaction's last step.
 * The caller's transaction must be READ COMMITTED (the default): a snapshot older than the lock
 * would not see the last row.
 */
export async function appendAudit(db: DataSource | EntityManager, entry: AuditEntry): Promise<AuditRow> {
  const manager = db instanceof DataSource ? db.manager : db;
  if (manager.queryRunner?.isTransactionActive) return append(manager, entry);
  return manager.transaction((m) => append(m, entry));
}

async function append(m: EntityManager, entry: AuditEntry): Promise<AuditRow> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const [last] = (await m.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')) as { hash: string }[];
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    actor: entry.actor,
    action: entry.action,
    kind: entry.kind,
    key: entry.key,
    // As jsonb will give it back (undefined members dropped, dates as strings), so the hash verifies later.
    detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as object,
    at: new Date(),
    ip: entry.ip !== undefined ? entry.ip : (requestOrigin()?.ip ?? null),
  };
  const hash = chainHash(prevHash, content);
  const [{ id }] = (await m.query(
    `INSERT INTO audit_log (actor, action, kind, key, detail, at, ip, prev_hash, hash) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) RETURNING id::text AS id`,
    [content.actor, content.action, content.kind, content.key, JSON.stringify(content.detail), content.at, content.ip, prevHash, hash],
  )) as { id: string }[];
  return { id, ...content, prevHash, hash };
}
