/**
 * Accounts: local (a scrypt password) or provisioned by single sign-on, each with roles and
 * the org units it works in. Usernames are lower case, 1-64 letters, digits and _ . @ -.
 * The last enabled administrator can be neither disabled nor stripped of the admin role.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isUniqueViolation } from '../db/pg-errors';
import { auditAccess } from './audit-trail';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { permissionsOf, type RoleName } from './permissions';
import type { Principal } from './principal';

/** What a username may be (checked after lower-casing). */
export const USERNAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

export type Locale = Principal['locale'];

/** An account as the API shows it (never its password hash). */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  roles: RoleName[];
  orgUnits: string[];
  /** Work groups (a task's group names one, e.g. cdc-investigation): their tasks are in the member's inbox. */
  groups: string[];
  locale: Locale;
  disabled: boolean;
  /** Failed sign-ins since the last success or lock. */
  failedLogins: number;
  /** Sign-in is refused after repeated failures, until lockedUntil. */
  locked: boolean;
  lockedUntil: string | null;
  /** Signs in with a password (else only through single sign-on). */
  hasPassword: boolean;
  sso: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewAccount {
  username: string;
  password?: string;
  displayName?: string;
  roles: RoleName[];
  orgUnits: string[];
  groups?: string[];
  locale?: Locale;
  /** issuer|subject of a single sign-on account. */
  oidcSubject?: string;
}

export interface AccountChange {
  displayName?: string;
  roles?: RoleName[];
  orgUnits?: string[];
  groups?: string[];
  locale?: Locale;
  disabled?: boolean;
  password?: string;
  /** Lift a lock after failed sign-ins now. */
  unlock?: boolean;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string | null;
  display_name: string;
  roles: RoleName[];
  org_units: string[];
  groups: string[];
  locale: Locale;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  /** locked_until is still ahead (the database's clock). */
  locked: boolean;
  oidc_subject: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An account row with its password hash, for the sign-in check. */
export interface StoredUser extends Account {
  passwordHash: string | null;
}

/** Every column, and whether the account is locked now. */
const COLUMNS = `*, coalesce(locked_until > now(), false) AS locked`;

function toAccount(r: UserRow): StoredUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    orgUnits: r.org_units,
    groups: r.groups,
    locale: r.locale,
    disabled: r.disabled,
    failedLogins: r.failed_logins,
    locked: r.locked,
    lockedUntil: r.locked_until?.toISOString() ?? null,
    hasPassword: r.password_hash !== null,
    sso: r.oidc_subject !== null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    passwordHash: r.password_hash,
  };
}

/** The account as the API shows it: without the hash. */
export function publicAccount({ passwordHash: _hash, ...account }: StoredUser): Account {
  return account;
}

/** The principal an account acts as, with all its roles' permissions. */
export function principalFor(a: Account, via: Principal['via']): Principal {
  return { userId: a.id, username: a.username, roles: a.roles, permissions: permissionsOf(a.roles), orgUnits: a.orgUnits, groups: a.groups, via, locale: a.locale };
}

export class UserService {
  constructor(private readonly db: DataSource) {}

  /** Normalises a username, or 422 naming `field`. */
  static username(raw: string, field = 'body/username'): string {
    const name = raw.trim().toLowerCase();
    if (!USERNAME.test(name)) throw new ValidationError('invalid_username', 'a username is 1-64 letters, digits, _ . @ or -', [{ path: field, code: 'invalid_username', message: 'use 1-64 letters, digits, _ . @ or -' }]);
    return name;
  }

  private checkPassword(password: string, username: string, field = 'body/password'): void {
    const problem = passwordProblem(password, username);
    if (problem) throw new ValidationError('weak_password', problem, [{ path: field, code: 'weak_password', message: problem }]);
  }

  /** Org units must exist in the org-unit tree. */
  private async checkOrgUnits(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM org_units WHERE id = ANY($1)`, [ids]);
    const known = new Set(rows.map((r) => r.id));
    const problems = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `body/orgUnits/${i}`, code: 'unknown_org_unit', message: `no org unit '${id}'` }]));
    if (problems.length) throw new ValidationError('unknown_org_unit', `unknown org unit(s): ${problems.length}`, problems);
  }

  async create(a: NewAccount, actor: string): Promise<Account> {
    const username = UserService.username(a.username);
    if (a.password !== undefined) this.checkPassword(a.password, username);
    await this.checkOrgUnits(a.orgUnits);
    const hash = a.password === undefined ? null : await hashPassword(a.password);
    return this.db.transaction(async (m) => {
      let row: UserRow;
      try {
        [row] = await m.query(
          `INSERT INTO users (username, password_hash, display_name, roles, org_units, locale, oidc_subject, groups) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *, false AS locked`,
          [username, hash, a.displayName ?? '', a.roles, a.orgUnits, a.locale ?? 'zh-CN', a.oidcSubject ?? null, a.groups ?? []],
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError('username_taken', `the username '${username}' is taken`);
        throw err;
      }
      await auditAccess(m, { actor, action: 'create', kind: 'user', key: username, detail: { id: row.id, roles: a.roles, orgUnits: a.orgUnits, sso: Boolean(a.oidcSubject) } });
      return publicAccount(toAccount(row));
    });
  }

  async list(): Promise<Account[]> {
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM users ORDER BY username`);
    return rows.map((r) => publicAccount(toAccount(r)));
  }

  /** The account with its hash, or undefined. */
  async find(by: { id: string } | { username: string } | { oidcSubject: string }, m: DataSource | EntityManager = this.db): Promise<StoredUser | undefined> {
    const [column, value] = 'id' in by ? ['id', by.id] : 'username' in by ? ['username', by.username.trim().toLowerCase()] : ['oidc_subject', by.oidcSubject];
    const [row]: UserRow[] = await m.query(`SELECT ${COLUMNS} FROM users WHERE ${column} = $1`, [value]);
    return row && toAccount(row);
  }

  async get(id: string): Promise<Account> {
    const found = await this.find({ id });
    if (!found) throw new NotFoundError('user', id);
    return publicAccount(found);
  }

  /** Whether any account exists (first start creates the admin when none does). */
  async any(): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM users LIMIT 1`);
    return Boolean(row);
  }

  /** Changes the principal's own password after checking the current one; the account's other sessions end. */
  async changeOwnPassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.find({ id: principal.userId });
    if (!user?.passwordHash) throw new ConflictError('no_password', 'this account signs in through single sign-on and has no password here');
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new ValidationError('wrong_password', 'the current password is wrong', [{ path: 'body/currentPassword', code: 'wrong_password', message: 'is wrong' }]);
    }
    this.checkPassword(next, user.username, 'body/newPassword');
    const hash = await hashPassword(next);
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [user.id, hash]);
      await m.query(`DELETE FROM sessions WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2`, [user.id, principal.sessionId ?? null]);
      await auditAccess(m, { actor: principal.username, action: 'change_password', kind: 'user', key: user.username });
    });
  }

  /** Applies a change; disabling or a new password ends the account's sessions. */
  async update(id: string, change: AccountChange, actor: string): Promise<Account> {
    if (change.orgUnits) await this.checkOrgUnits(change.orgUnits);
    return this.db.transaction(async (m) => {
      const [current]: UserRow[] = await m.query(`SELECT * FROM users WHERE id = $1 FOR UPDATE`, [id]);
      if (!current) throw new NotFoundError('user', id);
      if (change.password !== undefined) this.checkPassword(change.password, current.username);
      const losesAdmin = (change.disabled === true || (change.roles && !change.roles.includes('admin'))) && current.roles.includes('admin') && !current.disabled;
      // Serialised by the lock on the changed row plus this count: two admins cannot demote each other at once.
      if (losesAdmin) {
        const others: unknown[] = await m.query(`SELECT id FROM users WHERE 'admin' = ANY(roles) AND NOT disabled AND id <> $1 FOR UPDATE`, [id]);
        if (others.length === 0) throw new ConflictError('last_admin', 'this is the last enabled administrator: make another one first');
      }
      const hash = change.password === undefined ? undefined : await hashPassword(change.password);
      const [row]: UserRow[] = await m.query(
        `WITH changed AS (UPDATE users SET
           display_name = COALESCE($2, display_name), roles = COALESCE($3, roles), org_units = COALESCE($4, org_units),
           locale = COALESCE($5, locale), disabled = COALESCE($6, disabled), password_hash = COALESCE($7, password_hash),
           failed_logins = CASE WHEN $8 THEN 0 ELSE failed_logins END, locked_until = CASE WHEN $8 THEN NULL ELSE locked_until END,
           groups = COALESCE($9, groups), updated_at = now()
         WHERE id = $1 RETURNING *) SELECT ${COLUMNS} FROM changed`,
        [id, change.displayName ?? null, change.roles ?? null, change.orgUnits ?? null, change.locale ?? null, change.disabled ?? null, hash ?? null, Boolean(change.unlock || hash), change.groups ?? null],
      );
      if (change.disabled || hash) await m.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
      const { password: _p, ...changed } = change;
      await auditAccess(m, { actor, action: 'update', kind: 'user', key: row.username, detail: { id, ...changed, passwordChanged: hash !== undefined } });
      return publicAccount(toAccount(row));
    });
  }
}
