import type { Permission, RoleName } from './permissions';

/** Who is acting: an account signed in with a session cookie or calling with one of its API tokens. */
export interface Principal {
  /** uuid of the account. */
  userId: string;
  /** What the audit trail shows. */
  username: string;
  roles: RoleName[];
  /** The roles' permissions, narrowed to a token's own subset when called with a token. */
  permissions: ReadonlySet<Permission>;
  /** Org-unit ids the account belongs to (roots of the subtrees it may act in). */
  orgUnits: string[];
  /** Work groups the account belongs to: their tasks are in its inbox. */
  groups: string[];
  via: 'session' | 'token';
  /** The session's key (the hash of its id: the id itself is only in the cookie). */
  sessionId?: string;
  tokenId?: string;
  locale: 'zh-CN' | 'en';
}
