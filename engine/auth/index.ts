/**
 * Identity and access, put together once per API process: accounts, sessions, API tokens,
 * password sign-in with its limits, single sign-on when configured, and the authenticator
 * the route layer asks who is calling.
 */
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { AccountAuthenticator } from './account-authenticator';
import type { AuthConfig } from './auth-config';
import type { AuthServices } from './auth-services';
import { LoginService } from './login';
import { OidcSignOn } from './oidc';
import { SessionService } from './sessions';
import { TokenService } from './tokens';
import { UserService } from './users';


/** The services over one database, with the limits and sign-on the configuration gives. */
export function createAuth(config: AuthConfig, db: DataSource, log: Logger): AuthServices {
  const users = new UserService(db);
  const sessions = new SessionService(db, config.session);
  const tokens = new TokenService(db);
  return {
    config,
    users,
    sessions,
    tokens,
    login: new LoginService(db, users, sessions, config.login, log),
    authenticator: new AccountAuthenticator(users, sessions, tokens),
    oidc: config.oidc && new OidcSignOn(config.oidc, db, users, sessions, log),
  };
}
