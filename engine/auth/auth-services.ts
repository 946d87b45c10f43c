import type { AuthConfig } from './auth-config';
import type { Authenticator } from './authenticator';
import type { LoginService } from './login';
import type { OidcSignOn } from './oidc';
import type { SessionService } from './sessions';
import type { TokenService } from './tokens';
import type { UserService } from './users';

/** Identity and access in one API process (built by createAuth in index.ts). */
export interface AuthServices {
  config: AuthConfig;
  users: UserService;
  sessions: SessionService;
  tokens: TokenService;
  login: LoginService;
  authenticator: Authenticator;
  /** Single sign-on, when OIDC_ISSUER is configured. */
  oidc?: OidcSignOn;
}
