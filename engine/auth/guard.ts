/**
 * Deny by default: every route declares a permission or that it is public (Access), and this
 * check runs before the route reads its input. No principal → 401 `unauthenticated`; a
 * cookie-authenticated write without the session's CSRF token → 403 `csrf`; a principal
 * without the permission → 403 `forbidden`. A bearer-token request needs no CSRF token: a
 * browser never attaches one on its own.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { UserError } from '../errors';
import { isWrite } from '../http/input-gate';
import type { Authenticator } from './authenticator';
import { credentialsOf } from './credentials';
import type { Permission } from './permissions';
import type { Principal } from './principal';

/** A route's access: exactly one of a permission or `public: true` (neither, or both, does not type-check). */
export type Access = { permission: Permission; public?: never } | { public: true; permission?: never };

function sameSecret(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The principal the guard found for this request (undefined on a public route). */
export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/** Express middleware enforcing a route's access; without an authenticator every non-public route is refused. */
export function guard(access: Access, authenticator: Authenticator | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (access.public) {
      next();
      return;
    }
    (async () => {
      const found = authenticator && (await authenticator.authenticate(credentialsOf(req)));
      if (!found) throw new UserError(401, 'unauthenticated', 'sign in first (POST /api/auth/login), or send an API token as Authorization: Bearer <token>');
      const { principal, csrfToken } = found;
      if (principal.via === 'session' && isWrite(req.method) && !sameSecret(req.header('x-csrf-token'), csrfToken ?? '')) {
        throw new UserError(403, 'csrf', 'a write with the session cookie must carry X-CSRF-Token, the csrfToken that sign-in answered');
      }
      if (!principal.permissions.has(access.permission)) {
        throw new UserError(403, 'forbidden', `this needs the permission '${access.permission}', which ${principal.via === 'token' ? 'this token' : 'your account'} lacks`);
      }
      res.locals.principal = principal;
    })().then(() => next(), next);
  };
}
