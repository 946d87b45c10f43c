/** Signing in and out, who am I, and one's own password: the session half of the API's identity. */
import { z } from 'zod';
import { Reply } from '../http/reply';
import { route } from '../http/route';
import { clearedSessionCookie, sessionCookie } from './credentials';
import type { AuthServices } from './auth-services';
import { PASSWORD_MAX } from './password';

/** Answers that carry a secret are never kept by a cache. */
const NO_STORE = { 'cache-control': 'no-store' };

export function authRoutes(auth: AuthServices) {
  const { secureCookie, maxSeconds } = auth.config.session;
  return [
    route({
      method: 'post', path: '/api/auth/login', tag: 'auth', public: true,
      summary: 'Sign in with a username and password: sets the session cookie, answers {user, csrfToken} (send it as X-CSRF-Token with every write)',
      body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(PASSWORD_MAX * 4) }).strict(),
      handle: async ({ body, ip }) => {
        const { user, session } = await auth.login.signIn(body.username, body.password, ip);
        return new Reply({ user, csrfToken: session.csrfToken }, 200, { ...NO_STORE, 'set-cookie': sessionCookie(session.id, maxSeconds, secureCookie) });
      },
    }),
    route({
      method: 'post', path: '/api/auth/logout', tag: 'auth', permission: 'account.self', summary: 'Sign out: ends this session and clears its cookie (a token call changes nothing)',
      handle: async ({ principal }) => {
        await auth.sessions.signOut(principal);
        return new Reply({}, 200, { 'set-cookie': clearedSessionCookie(secureCookie) });
      },
    }),
    route({
      method: 'get', path: '/api/auth/me', tag: 'auth', permission: 'account.self', summary: 'The signed-in account, its permissions, and (with a session) the CSRF token',
      handle: async ({ principal }) => {
        const csrfToken = principal.sessionId ? await auth.sessions.csrfToken(principal.sessionId) : undefined;
        return new Reply({ user: await auth.users.get(principal.userId), permissions: [...principal.permissions].sort(), via: principal.via, ...(csrfToken ? { csrfToken } : {}) }, 200, NO_STORE);
      },
    }),
    route({
      method: 'put', path: '/api/auth/password', tag: 'auth', permission: 'account.self', summary: "Change one's own password (the account's other sessions end)",
      body: z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX * 4), newPassword: z.string().max(PASSWORD_MAX * 4) }).strict(),
      handle: async ({ principal, body }) => {
        await auth.users.changeOwnPassword(principal, body.currentPassword, body.newPassword);
        return {};
      },
    }),
  ];
}
