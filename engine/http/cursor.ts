/**
 * Page cursors the server hands out and takes back: the store's page token, bound to the
 * listing it pages through, signed with HMAC-SHA256. Anything else is refused at once with a
 * 400: handed to Temporal, a made-up token cost a 500 after some 19 seconds.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors';

function mac(token: Uint8Array, scope: string, secret: Buffer): Buffer {
  // The scope (the listing's filter) is signed with the token: a cursor pages only the listing it came from.
  return createHmac('sha256', secret).update(scope).update('\u0000').update(token).digest();
}

/** The cursor for the next page of the listing `scope`, given the store's page token. */
export function sealCursor(token: Uint8Array, scope: string, secret: Buffer): string {
  return `${Buffer.from(token).toString('base64url')}.${mac(token, scope, secret).toString('base64url')}`;
}

/** The page token inside a cursor this server issued for `scope`; a 400 for anything else. */
export function openCursor(cursor: string, scope: string, secret: Buffer): Buffer {
  const [token, signature, ...rest] = cursor.split('.');
  if (token !== undefined && signature !== undefined && rest.length === 0 && /^[\w-]*$/.test(token) && /^[\w-]+$/.test(signature)) {
    const raw = Buffer.from(token, 'base64url');
    const expected = mac(raw, scope, secret);
    const given = Buffer.from(signature, 'base64url');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return raw;
  }
  throw new ValidationError(
    'invalid_query',
    'the request query is invalid',
    [{ path: 'query/cursor', code: 'invalid_cursor', message: 'is not a cursor this server issued for this listing; start again without a cursor' }],
    400,
  );
}
