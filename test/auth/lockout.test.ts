/**
 * Guessing passwords: an account locks after LOGIN_MAX_FAILURES failures in a row and opens
 * again after LOGIN_LOCK_SECONDS (shortened here); a client address is refused after
 * LOGIN_ADDRESS_MAX_FAILURES failures in that window, whatever accounts it tries. Each failure
 * and lock is in the audit trail (never the password); the log lines are checked on a real
 * process in first-start.test.ts.
 */
import { uniqueKey, useTestApp } from '../support/app';

const LOCK = 2;
const app = useTestApp({ seed: false, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: String(LOCK), LOGIN_ADDRESS_MAX_FAILURES: '6', TRUST_PROXY: 'loopback' } });
const password = 'the right passphrase';
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
/**
 * Each test signs in from an address of its own (through the trusted proxy): the address limit
 * counts every failure of an address, so one test's wrong passwords must not refuse the next's.
 */
const login = (username: string, pw: string, from: string) => app.anonymous.api('POST', '/api/auth/login', { username, password: pw }, { 'x-forwarded-for': from });

async function account(): Promise<string> {
  const username = uniqueKey('lock');
  expect((await app.api('POST', '/api/users', { username, password, roles: ['auditor'] })).status).toBe(201);
  return username;
}

test(`three wrong passwords lock the account (even the right one is refused, 429 with Retry-After) until ${LOCK} s have passed`, async () => {
  const username = await account();
  const from = '198.51.100.1';
  for (let i = 0; i < 3; i++) expect((await login(username, `wrong guess number ${i}`, from)).status).toBe(401);
  const locked = await login(username, password, from);
  expect([locked.status, locked.body.error.code]).toEqual([429, 'locked']);
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(LOCK);

  const audit = await app.platform.services.db.query(`SELECT action, detail FROM audit_log WHERE key = $1 AND kind = 'user' ORDER BY id`, [username]);
  expect(audit.map((r: { action: string }) => r.action)).toEqual(['create', 'sign_in_failed', 'sign_in_failed', 'sign_in_failed', 'lockout', 'sign_in_refused']);
  expect(JSON.stringify(audit)).not.toMatch(/wrong guess|right passphrase/);
  const { id } = (await app.platform.services.auth.users.find({ username }))!;
  expect((await app.api('GET', `/api/users/${id}`)).body).toMatchObject({ locked: true, lockedUntil: expect.any(String) });

  await sleep(LOCK + 0.3);
  expect((await login(username, password, from)).status).toBe(200);
  expect((await app.api('GET', `/api/users/${id}`)).body).toMatchObject({ locked: false, failedLogins: 0 });
});

test('a success in between starts the count again; an administrator can lift a lock at once', async () => {
  const username = await account();
  // Every attempt from another address: this test is about the account's count alone.
  let n = 10;
  const from = () => `198.51.100.${n++}`;
  for (let i = 0; i < 2; i++) await login(username, 'wrong password here', from());
  expect((await login(username, password, from())).status).toBe(200);
  for (let i = 0; i < 2; i++) await login(username, 'wrong password here', from());
  expect((await login(username, password, from())).status).toBe(200);
  for (let i = 0; i < 3; i++) await login(username, 'wrong password here', from());
  expect((await login(username, password, from())).status).toBe(429);
  const { id } = (await app.platform.services.auth.users.find({ username }))!;
  expect((await app.api('PUT', `/api/users/${id}`, { unlock: true })).status).toBe(200);
  expect((await login(username, password, from())).status).toBe(200);
});

test('one address trying many accounts is refused after six failures in the window, then let in again', async () => {
  const username = await account();
  const from = '198.51.100.3';
  const started = new Date();
  // At once, so that all six fall in the short window whatever the machine's load.
  const failures = await Promise.all(Array.from({ length: 6 }, () => login(uniqueKey('nobody'), 'some password guess', from)));
  expect(failures.map((f) => f.status)).toEqual(Array(6).fill(401));
  const refused = await login(username, password, from);
  expect([refused.status, refused.body.error.code]).toEqual([429, 'too_many_attempts']);
  expect(refused.headers.get('retry-after')).toBeTruthy();
  // Other test files share the database: only rows since this test began, of this kind.
  const audit = await app.platform.services.db.query(`SELECT actor, action, detail FROM audit_log WHERE kind = 'session' AND key = $2 AND at >= $1`, [started, from]);
  expect(audit).toContainEqual({ actor: 'anonymous', action: 'sign_in_refused', detail: { reason: 'address_limit' } });
  expect(audit.filter((r: { detail: { reason: string } }) => r.detail.reason === 'unknown_user').length).toBeGreaterThanOrEqual(6);
  await sleep(LOCK + 0.3);
  expect((await login(username, password, from)).status).toBe(200);
});

test('behind a proxy (TRUST_PROXY), each client address is counted apart and audited as itself', async () => {
  const username = await account();
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const started = new Date();
  const failures = await Promise.all(Array.from({ length: 6 }, () => app.anonymous.api('POST', '/api/auth/login', { username: uniqueKey('nobody'), password: 'guess' }, from('203.0.113.7'))));
  expect(failures.map((f) => f.status)).toEqual(Array(6).fill(401));
  expect((await app.anonymous.api('POST', '/api/auth/login', { username, password }, from('203.0.113.7'))).status).toBe(429);
  expect((await app.anonymous.api('POST', '/api/auth/login', { username, password }, from('198.51.100.2'))).status).toBe(200);
  const audit = await app.platform.services.db.query(`SELECT key, ip FROM audit_log WHERE action = 'sign_in_refused' AND at >= $1`, [started]);
  expect(audit).toContainEqual({ key: '203.0.113.7', ip: '203.0.113.7' });
  await sleep(LOCK + 0.3);
});
