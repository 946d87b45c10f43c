/**
 * Walks the audit chain from its first row and reports the first row that breaks it: a row
 * whose content no longer matches its hash (it was changed), or whose prev_hash is not the
 * hash of the row before it (a row was changed, removed or slipped in before it).
 */
import { chainHash, GENESIS_HASH, type AuditContent } from './audit-chain';
import type { AuditRow } from './audit.entity';

/** Runs SQL and answers the rows (a TypeORM DataSource or query runner's `query`, or pg's wrapped). */
export type RowQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The first row that breaks the chain, and why. */
export type BrokenRow = Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'kind' | 'key'> & { reason: string };

export type ChainReport =
  /** Every row verified; `head` is the last row's hash, worth keeping elsewhere to detect rows removed from the end. */
  | { ok: true; rows: number; head: string }
  /** `rows` verified before the broken one. */
  | { ok: false; rows: number; broken: BrokenRow };

/** A row as the walk reads it (column names as stored). */
type ChainedRow = AuditContent & { id: string; prev_hash: string; hash: string };

/** Verifies the whole chain, reading `pageSize` rows at a time. */
export async function verifyAuditChain(query: RowQuery, pageSize = 1000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let prevId: string | null = null;
  let after = '0';
  let rows = 0;
  for (;;) {
    const page = (await query(
      'SELECT id::text AS id, actor, action, kind, key, detail, at, ip, prev_hash, hash FROM audit_log WHERE id > $1::bigint ORDER BY audit_log.id LIMIT $2',
      [after, pageSize],
    )) as unknown as ChainedRow[];
    for (const r of page) {
      let reason: string | undefined;
      if (r.prev_hash !== prev) {
        reason = prevId === null
          ? 'its prev_hash is not the start of the chain: the rows before it were removed or it was changed'
          : `its prev_hash is not the hash of row ${prevId}: row ${prevId} was changed, or rows between them were removed`;
      } else if (chainHash(prev, r) !== r.hash) {
        reason = 'its content does not match its hash: the row was changed';
      }
      if (reason) {
        return { ok: false, rows, broken: { id: r.id, at: r.at, actor: r.actor, action: r.action, kind: r.kind, key: r.key, reason } };
      }
      prev = r.hash;
      prevId = r.id;
      rows++;
    }
    if (page.length < pageSize) return { ok: true, rows, head: prev };
    after = page[page.length - 1].id;
  }
}

/** One line for a person: what the report says. */
export function describeReport(report: ChainReport): string {
  if (report.ok) return `audit chain intact: ${report.rows} rows verified; head ${report.head}`;
  const b = report.broken;
  return `audit chain broken at row ${b.id} (${b.at.toISOString()} ${b.actor} ${b.action} ${b.kind} ${b.key}): ${b.reason}; the ${report.rows} rows before it verify`;
}
