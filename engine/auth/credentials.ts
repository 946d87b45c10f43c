/** Reading credentials off a request, and the session cookie's name and attributes. */
import type { Request } from 'express';
import type { Credentials } from './authenticator';

/** The session cookie: a random id (the server keeps only its hash). */
export const SESSION_COOKIE = 'epi_session';

/** The first value of one cookie in a Cookie header, undecoded (ours are base64url). */
function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The bearer token and the session cookie a request carries, if any. */
export function credentialsOf(req: Request): Credentials {
  const auth = req.header('authorization');
  const bearer = auth?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return { bearer: auth === undefined ? undefined : (bearer ?? ''), session: cookie(req.header('cookie'), SESSION_COOKIE) };
}

/** Set-Cookie for a new session: httpOnly, SameSite=Strict (the editor is same-origin), Secure when the site is served over HTTPS. */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
