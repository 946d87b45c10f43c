/** Finds the principal behind a request's credentials: an API token first (when sent), else the session cookie. */
import type { Authenticated, Authenticator, Credentials } from './authenticator';
import type { SessionService } from './sessions';
import type { TokenService } from './tokens';
import { principalFor, type UserService } from './users';

export class AccountAuthenticator implements Authenticator {
  constructor(
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
  ) {}

  async authenticate({ bearer, session }: Credentials): Promise<Authenticated | undefined> {
    // A request that sends a token is judged by it alone: a bad token is not rescued by a cookie.
    if (bearer !== undefined) {
      const token = bearer ? await this.tokens.find(bearer) : undefined;
      const user = token && (await this.users.find({ id: token.userId }));
      if (!token || !user || user.disabled) return undefined;
      const own = principalFor(user, 'token');
      const permissions = new Set(token.permissions.filter((p) => own.permissions.has(p)));
      return { principal: { ...own, permissions, tokenId: token.id } };
    }
    const live = session ? await this.sessions.touch(session) : undefined;
    const user = live && (await this.users.find({ id: live.userId }));
    if (!live || !user || user.disabled) return undefined;
    return { principal: { ...principalFor(user, 'session'), sessionId: live.idHash }, csrfToken: live.csrfToken };
  }
}
