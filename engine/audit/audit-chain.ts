/**
 * The hash chain over the audit trail: each row's hash covers the previous row's hash and the
 * row's own content, so changing, removing or reordering a row breaks every hash after it.
 * The writer (append.ts), the migration that chained the rows written before it, and the
 * verifier (verify.ts) all hash through here.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../documents/canonical-hash';
import type { AuditRow } from './audit.entity';

/** The prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a row's hash covers: everything but its id and its own hashes. */
export type AuditContent = Omit<AuditRow, 'id' | 'prevHash' | 'hash'>;

/** sha256 (hex) of the previous hash, a newline, and the canonical JSON of the row's content. */
export function chainHash(prevHash: string, c: AuditContent): string {
  // Time at millisecond precision (what a JavaScript Date holds); the table stores it so.
  const content = { actor: c.actor, action: c.action, kind: c.kind, key: c.key, detail: c.detail, at: c.at.toISOString(), ip: c.ip };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}
