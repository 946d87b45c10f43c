/** Single sign-on's two browser stops: off to the provider, and back with a code. */
import { z } from 'zod';
import { NotFoundError } from '../errors';
import { Reply } from '../http/reply';
import { route } from '../http/route';
import type { AuthServices } from './auth-services';
import { sessionCookie } from './credentials';

const param = z.string().max(4096).optional();

export function oidcRoutes(auth: AuthServices) {
  const signOn = () => {
    if (!auth.oidc) throw new NotFoundError('single sign-on is not configured here (OIDC_ISSUER)');
    return auth.oidc;
  };
  return [
    route({
      method: 'get', path: '/api/auth/oidc/login', tag: 'auth', public: true, summary: 'Sign in through the OpenID provider: redirects there (PKCE, state, nonce)',
      handle: async () => new Reply({}, 302, { location: (await signOn().start()).href, 'cache-control': 'no-store' }),
    }),
    route({
      method: 'get', path: '/api/auth/oidc/callback', tag: 'auth', public: true,
      summary: "The provider's redirect back: makes or updates the account from the claims and groups, sets the session cookie, redirects to the app",
      // Providers may add parameters of their own (session_state…): kept, and passed on to the code exchange.
      query: z.looseObject({ code: param, state: param, iss: param, error: param, error_description: param }),
      handle: async ({ query }) => {
        const oidc = signOn();
        const params = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
        const { session } = await oidc.finish(params);
        const { secureCookie, maxSeconds } = auth.config.session;
        return new Reply({}, 302, { location: new URL('/', oidc.config.redirectUrl).href, 'set-cookie': sessionCookie(session.id, maxSeconds, secureCookie), 'cache-control': 'no-store' });
      },
    }),
  ];
}
