import type { AuthServices } from './auth-services';
import { authRoutes } from './auth.routes';
import { oidcRoutes } from './oidc.routes';
import { tokenRoutes } from './token.routes';
import { userRoutes } from './user.routes';

/** Every identity and access route: sign-in and session, single sign-on, one's own tokens, accounts. */
export function accessRoutes(auth: AuthServices) {
  return [...authRoutes(auth), ...oidcRoutes(auth), ...tokenRoutes(auth), ...userRoutes(auth)];
}
