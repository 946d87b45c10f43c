/**
 * Who a test calls the API as. A test app signs in as the first administrator (an API token made
 * directly through the auth services) unless a test asks for another account (`app.as(name)`,
 * created on first use with the roles asked for) or for no credentials at all (`app.anonymous`).
 * Processes a test starts as a user would get the first administrator's password in their
 * environment (TEST_ADMIN_PASSWORD) and sign in through the API (http-cases.ts).
 */
import { FIRST_ADMIN } from '../../engine/auth/first-admin';
import type { RoleName } from '../../engine/auth/permissions';
import { principalFor, type Account } from '../../engine/auth/users';
import type { AuthServices } from '../../engine/auth/auth-services';
import { ConflictError } from '../../engine/errors';

/** The first administrator's password in every app and process the suite starts (ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'correct horse battery staple 11';

export type ApiAnswer<T = any> = { status: number; body: T; headers: Headers };

/** fetch against the API, JSON in and out. */
export type ApiCall = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer<T>>;

/** One caller: an account with an API token, or nobody. */
export interface Caller {
  /** The account's username (undefined for the anonymous caller). */
  username?: string;
  /** Authorization header of this caller (none for the anonymous one). */
  headers(): Promise<Record<string, string>>;
  api: ApiCall;
}

/** What an account made for a test gets. */
export interface Grant {
  roles?: RoleName[];
  orgUnits?: string[];
  /** Work groups (tasks of these groups are in the account's inbox). */
  groups?: string[];
}

/** Calls `url + path` with `auth`'s headers (a test's own headers win). */
export function apiCall(url: string, auth: () => Promise<Record<string, string>>): ApiCall {
  return async (method, path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(await auth()), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (e.g. the editor's HTML): return the text.
    }
    // Headers are there when asked for but not compared: a whole answer compared with an
    // earlier one must not differ by its Date header.
    return Object.defineProperty({ status: res.status, body: parsed as never }, 'headers', { value: res.headers, enumerable: false }) as ApiAnswer<never>;
  };
}

/** The account with this username, made with `grant` (admin, no units, unless said) if it does not exist. */
async function account(auth: AuthServices, username: string, grant: Grant): Promise<Account> {
  const existing = await auth.users.find({ username });
  if (existing) return existing;
  try {
    return await auth.users.create({ username, roles: grant.roles ?? ['admin'], orgUnits: grant.orgUnits ?? [], groups: grant.groups }, 'test');
  } catch (err) {
    // Another test file made it meanwhile.
    if (!(err instanceof ConflictError)) throw err;
    return (await auth.users.find({ username }))!;
  }
}

/** A caller acting as `username` (the first administrator unless said) with a fresh API token of all its permissions. */
export function tokenCaller(url: string, auth: AuthServices, username = FIRST_ADMIN, grant: Grant = {}): Caller {
  let token: Promise<string> | undefined;
  const headers = async () => {
    token ??= account(auth, username, grant).then(async (a) => (await auth.tokens.create(principalFor(a, 'token'), { name: `test ${username}` })).token);
    return { authorization: `Bearer ${await token}` };
  };
  return { username, headers, api: apiCall(url, headers) };
}

/** A caller with no credentials. */
export function anonymousCaller(url: string): Caller {
  const headers = async () => ({});
  return { headers, api: apiCall(url, headers) };
}
