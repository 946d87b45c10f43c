/**
 * Sign-in with a username and password. Refused for a while after repeated failures: an
 * account is locked for LOGIN_LOCK_SECONDS after LOGIN_MAX_FAILURES failures in a row (in the
 * database, so every API process honours it), and a client address is refused after
 * LOGIN_ADDRESS_MAX_FAILURES failures within LOGIN_LOCK_SECONDS (against one password tried on
 * many accounts). Every failure and lock is logged (never the password, nor a username no
 * account has: it may be a password typed in the wrong field) and audited.
 */
import type { DataSource } from 'typeorm';
import { TooManyRequestsError, UserError } from '../errors';
import type { Logger } from '../logger';
import { AddressLimiter } from './address-limiter';
import { auditAccess } from './audit-trail';
import { unusableHash, verifyPassword } from './password';
import type { SessionService } from './sessions';
import { publicAccount, type Account, type UserService } from './users';

export interface LoginPolicy {
  maxFailures: number;
  lockSeconds: number;
  addressMaxFailures: number;
}

const refused = () => new UserError(401, 'invalid_credentials', 'wrong username or password');


export class LoginService {
  private readonly addresses: AddressLimiter;

  constructor(
    private readonly db: DataSource,
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly policy: LoginPolicy,
    private readonly log: Logger,
  ) {
    this.addresses = new AddressLimiter(policy.addressMaxFailures, policy.lockSeconds * 1000);
  }

  /** Checks the password and opens a session; answers the account and the session's id and CSRF token. */
  async signIn(username: string, password: string, ip: string): Promise<{ user: Account; session: { id: string; csrfToken: string } }> {
    const wait = this.addresses.retryAfterMs(ip);
    if (wait > 0) {
      this.log.warn({ ip }, 'sign-in refused: too many failures from this address');
      await auditAccess(this.db, { actor: 'anonymous', action: 'sign_in_refused', kind: 'session', key: ip, detail: { reason: 'address_limit' } });
      throw new TooManyRequestsError('too_many_attempts', 'too many failed sign-ins from this address; try again later', wait / 1000);
    }
    const user = await this.users.find({ username });
    if (user?.locked) {
      this.log.warn({ username: user.username, ip }, 'sign-in refused: account locked');
      await auditAccess(this.db, { actor: user.username, action: 'sign_in_refused', kind: 'user', key: user.username, detail: { reason: 'locked', lockedUntil: user.lockedUntil } });
      throw new TooManyRequestsError('locked', `too many failed sign-ins for this account; try again after ${user.lockedUntil}`, (new Date(user.lockedUntil!).getTime() - Date.now()) / 1000);
    }
    // An unknown account costs the same hash as a known one, so timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await unusableHash()));
    if (!user || !ok || user.disabled) {
      await this.failed(user, ip, !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password');
      throw refused();
    }
    if (user.failedLogins > 0) await this.db.query(`UPDATE users SET failed_logins = 0 WHERE id = $1`, [user.id]);
    const session = await this.sessions.open(user.id);
    await auditAccess(this.db, { actor: user.username, action: 'sign_in', kind: 'session', key: user.username, detail: { via: 'password' } });
    this.log.info({ username: user.username, ip }, 'signed in');
    return { user: publicAccount({ ...user, failedLogins: 0 }), session };
  }

  private async failed(user: { id: string; username: string } | undefined, ip: string, reason: string): Promise<void> {
    this.addresses.fail(ip);
    if (!user) {
      this.log.warn({ ip, reason }, 'sign-in failed');
      await auditAccess(this.db, { actor: 'anonymous', action: 'sign_in_failed', kind: 'session', key: ip, detail: { reason } });
      return;
    }
    const [row]: { locked: boolean; locked_until: Date | null; failed_logins: number }[] = await this.db.query(
      `WITH counted AS (
         UPDATE users SET
           failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3::double precision) ELSE locked_until END
         WHERE id = $1 RETURNING locked_until, failed_logins)
       SELECT coalesce(locked_until > now(), false) AS locked, locked_until, failed_logins FROM counted`,
      [user.id, this.policy.maxFailures, this.policy.lockSeconds],
    );
    this.log.warn({ username: user.username, ip, reason, failures: row.locked ? this.policy.maxFailures : row.failed_logins }, 'sign-in failed');
    await auditAccess(this.db, { actor: user.username, action: 'sign_in_failed', kind: 'user', key: user.username, detail: { reason } });
    if (row.locked) {
      this.log.warn({ username: user.username, ip, until: row.locked_until }, 'account locked after repeated failed sign-ins');
      await auditAccess(this.db, { actor: user.username, action: 'lockout', kind: 'user', key: user.username, detail: { until: row.locked_until?.toISOString(), failures: this.policy.maxFailures } });
    }
  }
}
