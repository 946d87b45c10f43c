/**
 * API tokens for machine clients (the lab system posting results, scripts): made by an account
 * for itself, with a name, an expiry and a subset of its own permissions; shown once, stored as
 * a SHA-256, listable and revocable. A token acts with its own permissions ∩ its account's
 * current ones, so taking a role from the account narrows its tokens too.
 */
import type { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../errors';
import { auditAccess } from './audit-trail';
import type { Permission } from './permissions';
import type { Principal } from './principal';
import { digest, newSecret } from './secrets';

/** Prefix of every token, so a secret scanner (or a person) can tell one. */
export const TOKEN_PREFIX = 'epi_';
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 3650;

/** A token as its owner lists it (never the secret). */
export interface TokenInfo {
  id: string;
  name: string;
  /** The secret's first characters, to recognise it. */
  hint: string;
  permissions: Permission[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  hint: string;
  permissions: Permission[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function info(r: TokenRow): TokenInfo {
  return { id: r.id, name: r.name, hint: r.hint, permissions: r.permissions, createdAt: r.created_at.toISOString(), expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at), lastUsedAt: iso(r.last_used_at) };
}

export class TokenService {
  constructor(private readonly db: DataSource) {}

  /** Makes a token for the caller; asking for a permission the caller lacks is a 422 naming it. Answers the secret once. */
  async create(owner: Principal, req: { name: string; expiresInDays?: number; permissions?: Permission[] }): Promise<TokenInfo & { token: string }> {
    const wanted = req.permissions ?? [...owner.permissions];
    const missing = wanted.filter((p) => !owner.permissions.has(p));
    if (missing.length) {
      const problems = wanted.flatMap((p, i) => (owner.permissions.has(p) ? [] : [{ path: `body/permissions/${i}`, code: 'not_held', message: `you do not hold '${p}'` }]));
      throw new ValidationError('permissions_not_held', `a token gets a subset of your permissions; you lack ${missing.join(', ')}`, problems);
    }
    const token = newSecret(TOKEN_PREFIX);
    const days = req.expiresInDays ?? TOKEN_DEFAULT_DAYS;
    return this.db.transaction(async (m) => {
      const [row]: TokenRow[] = await m.query(
        `INSERT INTO api_tokens (user_id, name, token_hash, hint, permissions, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::integer)) RETURNING *`,
        [owner.userId, req.name, digest(token), token.slice(0, TOKEN_PREFIX.length + 4), [...new Set(wanted)], days],
      );
      await auditAccess(m, { actor: owner.username, action: 'create', kind: 'token', key: row.id, detail: { name: req.name, permissions: row.permissions, expiresAt: iso(row.expires_at) } });
      return { ...info(row), token };
    });
  }

  /** The caller's tokens, newest first, revoked and expired ones included. */
  async list(owner: Principal): Promise<TokenInfo[]> {
    const rows: TokenRow[] = await this.db.query(`SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`, [owner.userId]);
    return rows.map(info);
  }

  /** Revokes one of the caller's tokens at once (another's answers 404). */
  async revoke(owner: Principal, id: string): Promise<TokenInfo> {
    return this.db.transaction(async (m) => {
      const [row]: TokenRow[] = await m.query(
        `WITH revoked AS (UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING *) SELECT * FROM revoked`,
        [id, owner.userId],
      );
      if (!row) throw new NotFoundError('token', id);
      await auditAccess(m, { actor: owner.username, action: 'revoke', kind: 'token', key: id, detail: { name: row.name } });
      return info(row);
    });
  }

  /** The live token with this secret: its id, account and permissions; undefined when unknown, revoked or expired. */
  async find(secret: string): Promise<{ id: string; userId: string; permissions: Permission[] } | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
    const [row]: (TokenRow & { stale: boolean })[] = await this.db.query(
      `SELECT *, last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS stale FROM api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [digest(secret)],
    );
    if (!row) return undefined;
    // At most once a minute: a busy client must not write on every request.
    if (row.stale) await this.db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.id]);
    return { id: row.id, userId: row.user_id, permissions: row.permissions };
  }
}
