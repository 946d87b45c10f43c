/**
 * Sign-in sessions: a random id in the cookie, its SHA-256 in the database, a CSRF token per
 * session, and two expiries: idle (no request for SESSION_IDLE_SECONDS) and absolute
 * (SESSION_MAX_SECONDS after sign-in, whatever the activity). Times are the database's clock,
 * so every API process agrees on them.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { auditAccess } from './audit-trail';
import type { Principal } from './principal';
import { digest, newSecret } from './secrets';

export interface SessionTimes {
  idleSeconds: number;
  maxSeconds: number;
}

/** A live session: the account it belongs to and its CSRF token. */
export interface LiveSession {
  idHash: string;
  userId: string;
  csrfToken: string;
}

export class SessionService {
  constructor(
    private readonly db: DataSource,
    readonly times: SessionTimes,
  ) {}

  /** Opens a session; answers its id (for the cookie, never stored) and CSRF token. */
  async open(userId: string, m: DataSource | EntityManager = this.db): Promise<{ id: string; csrfToken: string }> {
    const id = newSecret();
    const csrfToken = newSecret();
    await m.query(`INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision))`, [digest(id), userId, csrfToken, this.times.maxSeconds]);
    return { id, csrfToken };
  }

  /**
   * The live session with this id, its idle clock restarted; undefined when unknown, idle too
   * long or past its absolute expiry. The restart is written at most once per tenth of the idle
   * time, so a busy client does not write on every request.
   */
  async touch(id: string): Promise<LiveSession | undefined> {
    const rows: { id_hash: string; user_id: string; csrf_token: string; stale: boolean }[] = await this.db.query(
      `SELECT id_hash, user_id, csrf_token, last_seen_at < now() - make_interval(secs => $3::double precision) AS stale FROM sessions
        WHERE id_hash = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2::double precision)`,
      [digest(id), this.times.idleSeconds, this.times.idleSeconds / 10],
    );
    const [s] = rows;
    if (!s) return undefined;
    if (s.stale) await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1`, [s.id_hash]);
    return { idHash: s.id_hash, userId: s.user_id, csrfToken: s.csrf_token };
  }

  /** Ends the principal's session (a token's call has none to end). */
  async signOut(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.db.query(`DELETE FROM sessions WHERE id_hash = $1`, [principal.sessionId]);
    await auditAccess(this.db, { actor: principal.username, action: 'sign_out', kind: 'session', key: principal.username });
  }

  /** The CSRF token of a live session. */
  async csrfToken(idHash: string): Promise<string | undefined> {
    const [row]: { csrf_token: string }[] = await this.db.query(`SELECT csrf_token FROM sessions WHERE id_hash = $1`, [idHash]);
    return row?.csrf_token;
  }

  /** Removes sessions that can no longer be used (expired ones are refused anyway: this keeps the table small). */
  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1::double precision)`, [this.times.idleSeconds]);
  }

  /** Sweeps now and every `everyMs`; answers the stop. A failed sweep is logged and tried again next time. */
  sweepEvery(everyMs: number, log: Logger): () => void {
    const run = () => this.sweep().catch((err: Error) => log.warn({ err: err.message }, 'session sweep failed'));
    void run();
    const timer = setInterval(run, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
