/**
 * The random secrets that sign a caller in (session ids, API tokens, CSRF tokens) and the one
 * digest the database keeps of them. 32 random bytes need no slow hash: nobody can guess them,
 * so SHA-256 suffices to make a copy of the table useless.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url, after an optional prefix that says what the secret is (`epi_` for API tokens). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the database stores of a secret. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
