/**
 * Sign-in with a password and the session it opens: the cookie's attributes, who am I, the CSRF
 * token every cookie-authenticated write must carry (a bearer token needs none), sign-out, and
 * both expiries (idle and absolute, shortened for the test).
 */
import { uniqueKey, useTestApp } from '../support/app';
import { apiCall } from '../support/callers';

// Short enough to wait for, long enough that a loaded machine (a sign-in's scrypt, a slow request)
// does not end a session the other tests are still using: at 2 s idle, one did (401 for 403).
const IDLE = 6;
const MAX = 15;
const app = useTestApp({ seed: false, env: { SESSION_IDLE_SECONDS: String(IDLE), SESSION_MAX_SECONDS: String(MAX) } });
const password = 'a long enough passphrase';

/** A new account (operator) and a session of it: the cookie, the CSRF token, and calls that carry the cookie alone. */
async function signedIn(roles: string[] = ['operator']) {
  const username = uniqueKey('sess');
  expect((await app.api('POST', '/api/users', { username, password, roles })).status).toBe(201);
  const res = await app.anonymous.api('POST', '/api/auth/login', { username, password });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie')!;
  const cookie = setCookie.split(';')[0];
  return { username, setCookie, cookie, csrfToken: res.body.csrfToken as string, body: res.body, api: apiCall(app.url, async () => ({ cookie })) };
}

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

test('sign-in sets an httpOnly SameSite=Strict cookie with a random id and answers {user, csrfToken}; me answers who it is', async () => {
  const s = await signedIn();
  expect(s.setCookie).toMatch(new RegExp(`^epi_session=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${MAX}$`));
  expect(s.body).toEqual({ user: expect.objectContaining({ username: s.username, roles: ['operator'] }), csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
  expect(JSON.stringify(s.body)).not.toMatch(/scrypt|passwordHash/);
  const me = await s.api('GET', '/api/auth/me');
  expect(me.status).toBe(200);
  expect(me.headers.get('cache-control')).toBe('no-store');
  expect(me.body).toMatchObject({ user: { username: s.username }, via: 'session', csrfToken: s.csrfToken });
  expect(me.body.permissions).toEqual(expect.arrayContaining(['case.read', 'task.act']));
  // Only the session id's hash is stored.
  const id = s.cookie.split('=')[1];
  expect(await app.platform.services.db.query(`SELECT 1 FROM sessions WHERE id_hash = $1`, [id])).toEqual([]);
});

test('a wrong password and an unknown user get the same 401; neither sets a cookie', async () => {
  const s = await signedIn();
  const wrong = await app.anonymous.api('POST', '/api/auth/login', { username: s.username, password: 'not the password at all' });
  const unknown = await app.anonymous.api('POST', '/api/auth/login', { username: uniqueKey('nobody'), password: 'not the password at all' });
  expect([wrong.status, wrong.body]).toEqual([401, { error: { code: 'invalid_credentials', message: 'wrong username or password' } }]);
  expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
  expect(wrong.headers.get('set-cookie')).toBeNull();
});

test('CSRF: a write with the session cookie needs X-CSRF-Token equal to the session\'s; a read does not; a bearer token needs none', async () => {
  const s = await signedIn(['designer']);
  const body = { definition: { key: 'x', nodes: [], edges: [] } };
  const none = await s.api('POST', '/api/validate', body);
  expect([none.status, none.body.error.code]).toEqual([403, 'csrf']);
  const forged = await s.api('POST', '/api/validate', body, { 'x-csrf-token': 'a'.repeat(43) });
  expect([forged.status, forged.body.error.code]).toEqual([403, 'csrf']);
  expect((await s.api('POST', '/api/validate', body, { 'x-csrf-token': s.csrfToken })).status).toBe(422);
  expect((await s.api('GET', '/api/processes')).status).toBe(200);
  // Another session's token is no good either.
  const other = await signedIn(['designer']);
  expect((await s.api('POST', '/api/validate', body, { 'x-csrf-token': other.csrfToken })).status).toBe(403);
  expect((await app.api('POST', '/api/validate', body)).status).toBe(422);
});

test('sign-out ends the session (the cookie no longer works) and clears the cookie', async () => {
  const s = await signedIn();
  const out = await s.api('POST', '/api/auth/logout', {}, { 'x-csrf-token': s.csrfToken });
  expect(out.status).toBe(200);
  expect(out.headers.get('set-cookie')).toMatch(/^epi_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
  const after = await s.api('GET', '/api/auth/me');
  expect([after.status, after.body.error.code]).toEqual([401, 'unauthenticated']);
  const audit = await app.platform.services.db.query(`SELECT action FROM audit_log WHERE actor = $1 AND kind = 'session' ORDER BY id`, [s.username]);
  expect(audit.map((r: { action: string }) => r.action)).toEqual(['sign_in', 'sign_out']);
});

test(`a session idle for SESSION_IDLE_SECONDS (${IDLE} s here) is over`, async () => {
  const s = await signedIn();
  await sleep(IDLE + 0.5);
  expect((await s.api('GET', '/api/auth/me')).status).toBe(401);
});

test(`a session in use still ends SESSION_MAX_SECONDS (${MAX} s here) after sign-in`, async () => {
  const s = await signedIn();
  const started = Date.now();
  // Busy all along: a request every second keeps the idle clock from running out.
  while (Date.now() - started < (MAX - 1) * 1000) {
    expect((await s.api('GET', '/api/auth/me')).status).toBe(200);
    await sleep(0.9);
  }
  await sleep(MAX - (Date.now() - started) / 1000 + 0.3);
  expect((await s.api('GET', '/api/auth/me')).status).toBe(401);
});

test('a disabled account\'s sessions end at once', async () => {
  const s = await signedIn();
  const { id } = (await s.api('GET', '/api/auth/me')).body.user;
  expect((await app.api('POST', `/api/users/${id}/disable`)).status).toBe(200);
  expect((await s.api('GET', '/api/auth/me')).status).toBe(401);
  expect((await app.anonymous.api('POST', '/api/auth/login', { username: s.username, password })).status).toBe(401);
});

test('single sign-on not configured: its routes answer 404 saying so', async () => {
  const res = await app.anonymous.api('GET', '/api/auth/oidc/login');
  expect([res.status, res.body.error.message]).toEqual([404, 'single sign-on is not configured here (OIDC_ISSUER)']);
});
