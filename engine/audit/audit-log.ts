/**
 * Reading the audit trail: filtered, newest first, paged by keyset on the row id (a page is
 * the rows below the last id seen, so rows appended meanwhile never shift or repeat a page).
 */
import type { DataSource } from 'typeorm';
import { canonicalJson } from '../documents/canonical-hash';
import { ValidationError } from '../errors';
import { openCursor, sealCursor } from '../http/cursor';
import type { AuditRow } from './audit.entity';

/** What a listing may be narrowed by; each given field must match exactly, `from` inclusive, `to` exclusive. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  kind?: string;
  key?: string;
  from?: string;
  to?: string;
}

const COLUMNS = ['actor', 'action', 'kind', 'key'] as const;

export class AuditLog {
  constructor(
    private readonly db: DataSource,
    private readonly cursorSecret: Buffer,
  ) {}

  async list(q: AuditFilter & { limit: number; cursor?: string }): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) {
      throw new ValidationError('invalid_query', 'the request query is invalid', [{ path: 'query/to', code: 'empty_range', message: 'must be later than from' }], 400);
    }
    const filter: AuditFilter = { actor: q.actor, action: q.action, kind: q.kind, key: q.key, from: q.from, to: q.to };
    // A cursor pages only the listing it came from (its filter is signed with it).
    const scope = canonicalJson(filter);
    const where: string[] = [];
    const params: unknown[] = [];
    const clause = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    for (const c of COLUMNS) if (q[c] !== undefined) clause(`${c} = ?`, q[c]);
    if (q.from) clause('at >= ?::timestamptz', q.from);
    if (q.to) clause('at < ?::timestamptz', q.to);
    if (q.cursor) clause('id < ?::bigint', openCursor(q.cursor, scope, this.cursorSecret).toString('utf8'));
    params.push(q.limit + 1);
    const rows = (await this.db.query(
      `SELECT id::text AS id, at, actor, action, kind, key, detail, ip, prev_hash AS "prevHash", hash FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.id DESC LIMIT $${params.length}`,
      params,
    )) as AuditRow[];
    const items = rows.slice(0, q.limit);
    const more = rows.length > q.limit;
    return { items, nextCursor: more ? sealCursor(Buffer.from(items[items.length - 1].id), scope, this.cursorSecret) : null };
  }
}
