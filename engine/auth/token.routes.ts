/** One's own API tokens: make one (shown once), list them, revoke one. */
import { z } from 'zod';
import { Reply } from '../http/reply';
import { route } from '../http/route';
import type { AuthServices } from './auth-services';
import { PERMISSION_NAMES, type Permission } from './permissions';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from './tokens';

export function tokenRoutes(auth: AuthServices) {
  return [
    route({
      method: 'post', path: '/api/tokens', tag: 'auth', permission: 'account.self', status: 201,
      summary: 'Make an API token for yourself with a subset of your permissions; answers {token} once (send it as Authorization: Bearer)',
      body: z
        .object({
          name: z.string().trim().min(1).max(100),
          expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional().describe(`Days until it expires; ${TOKEN_DEFAULT_DAYS} unless said`),
          permissions: z.array(z.enum(PERMISSION_NAMES as [Permission, ...Permission[]])).max(PERMISSION_NAMES.length * 2).optional().describe('A subset of your permissions; all of them unless said'),
        })
        .strict(),
      handle: async ({ principal, body }) => new Reply(await auth.tokens.create(principal, body), 201, { 'cache-control': 'no-store' }),
    }),
    route({
      method: 'get', path: '/api/tokens', tag: 'auth', permission: 'account.self', summary: 'Your API tokens (never their secrets), newest first',
      handle: ({ principal }) => auth.tokens.list(principal),
    }),
    route({
      method: 'delete', path: '/api/tokens/:id', tag: 'auth', permission: 'account.self', summary: 'Revoke one of your API tokens at once',
      params: z.object({ id: z.uuid() }).strict(),
      handle: ({ principal, params }) => auth.tokens.revoke(principal, params.id),
    }),
  ];
}
