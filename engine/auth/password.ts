/**
 * Password hashing with scrypt (node:crypto), a random 16-byte salt per password, and the
 * parameters stored with each hash so they can be raised later without breaking old ones.
 * N=2^15, r=8, p=1 (32 MiB, ~50-100 ms per hash here): OWASP's scrypt baseline is N=2^17 with
 * r=8, p=1; we take a quarter of its memory because every sign-in pays it in the API process.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;

/** The password rules: at least 12 characters (a passphrase is fine), at most 256, not containing the username. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; allow twice that.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches `stored` (a hashPassword result); false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let unusable: Promise<string> | undefined;

/** A hash no password matches, verified against when the username is unknown so both answers take as long. */
export function unusableHash(): Promise<string> {
  unusable ??= hashPassword(randomBytes(32).toString('base64'));
  return unusable;
}

/** What is wrong with a new password, or undefined. */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `a password has at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `a password has at most ${PASSWORD_MAX} characters`;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'a password must not contain the username';
  return undefined;
}
