/**
 * Accounts through the API, for administrators: create with a password, roles and org units
 * (each rule refused with a 422 naming the field), read and list without any hash, change,
 * disable; and one's own password change.
 */
import { uniqueKey, useTestApp } from '../support/app';
import { apiCall } from '../support/callers';

const app = useTestApp({ seed: false });
const password = 'correct horse battery';

test('an administrator creates an account; it signs in with its password, roles and units; no answer holds a hash', async () => {
  const username = uniqueKey('Li.Na');
  const made = await app.api('POST', '/api/users', { username, password, roles: ['operator'], orgUnits: ['qingjiangpu'], displayName: '李娜', locale: 'en' });
  expect(made.status).toBe(201);
  expect(made.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), username: username.toLowerCase(), roles: ['operator'], orgUnits: ['qingjiangpu'], displayName: '李娜', locale: 'en', disabled: false, hasPassword: true, sso: false });
  const signedIn = await app.anonymous.api('POST', '/api/auth/login', { username: username.toUpperCase(), password });
  expect([signedIn.status, signedIn.body.user.id]).toEqual([200, made.body.id]);
  const list = await app.api('GET', '/api/users');
  expect(list.body.map((u: { username: string }) => u.username)).toContain(username.toLowerCase());
  expect((await app.api('GET', `/api/users/${made.body.id}`)).body).toEqual(made.body);
  expect(JSON.stringify([made.body, list.body])).not.toMatch(/scrypt|password_?hash/i);
  const stored = await app.platform.services.db.query(`SELECT password_hash FROM users WHERE id = $1`, [made.body.id]);
  expect(stored[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
  const audit = await app.platform.services.db.query(`SELECT actor, action FROM audit_log WHERE kind = 'user' AND key = $1`, [username.toLowerCase()]);
  expect(audit).toEqual([{ actor: 'admin', action: 'create' }]);
});

test.each([
  ['a short password', { password: 'eleven char' }, 'weak_password', 'body/password'],
  ['a password holding the username', { username: 'zhangwei-x', password: 'i am zhangwei-x!!' }, 'weak_password', 'body/password'],
  ['a username with a space', { username: 'a b' }, 'invalid_username', 'body/username'],
  ['an unknown role', { roles: ['root'] }, 'invalid_body', 'body/roles/0'],
  ['an unknown org unit', { orgUnits: ['qingjiangpu', 'atlantis'] }, 'unknown_org_unit', 'body/orgUnits/1'],
  ['an unknown field', { isAdmin: true }, 'invalid_body', 'body'],
])('%s is a 422 naming the field', async (_what, change, code, path) => {
  const res = await app.api('POST', '/api/users', { username: uniqueKey('bad'), password, roles: ['auditor'], ...change });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.problems[0].path).toBe(path);
});

test('a username taken is a 409', async () => {
  const username = uniqueKey('twice');
  expect((await app.api('POST', '/api/users', { username, password, roles: ['auditor'] })).status).toBe(201);
  const again = await app.api('POST', '/api/users', { username: username.toUpperCase(), password, roles: ['designer'] });
  expect([again.status, again.body.error.code]).toEqual([409, 'username_taken']);
});

test('an administrator changes roles, units and the password; a new password ends the account\'s sessions', async () => {
  const username = uniqueKey('change');
  const { id } = (await app.api('POST', '/api/users', { username, password, roles: ['auditor'] })).body;
  const login = await app.anonymous.api('POST', '/api/auth/login', { username, password });
  const session = apiCall(app.url, async () => ({ cookie: login.headers.get('set-cookie')!.split(';')[0] }));
  expect((await session('GET', '/api/auth/me')).status).toBe(200);
  const changed = await app.api('PUT', `/api/users/${id}`, { roles: ['supervisor'], orgUnits: ['huaiyin'], password: 'a brand new passphrase' });
  expect(changed.body).toMatchObject({ roles: ['supervisor'], orgUnits: ['huaiyin'] });
  expect((await session('GET', '/api/auth/me')).status).toBe(401);
  expect((await app.anonymous.api('POST', '/api/auth/login', { username, password })).status).toBe(401);
  expect((await app.anonymous.api('POST', '/api/auth/login', { username, password: 'a brand new passphrase' })).status).toBe(200);
  expect((await app.api('PUT', `/api/users/00000000-0000-4000-8000-000000000000`, { roles: [] })).status).toBe(404);
});

test('one changes one\'s own password with the current one; the other sessions end, this one stays', async () => {
  const username = uniqueKey('own');
  await app.api('POST', '/api/users', { username, password, roles: ['designer'] });
  const sessionOf = async () => {
    const res = await app.anonymous.api('POST', '/api/auth/login', { username, password });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    return apiCall(app.url, async () => ({ cookie, 'x-csrf-token': res.body.csrfToken }));
  };
  const here = await sessionOf();
  const elsewhere = await sessionOf();
  const wrong = await here('PUT', '/api/auth/password', { currentPassword: 'not my password', newPassword: 'my own new passphrase' });
  expect([wrong.status, wrong.body.error.problems[0].path]).toEqual([422, 'body/currentPassword']);
  const weak = await here('PUT', '/api/auth/password', { currentPassword: password, newPassword: 'short' });
  expect([weak.status, weak.body.error.problems[0].path]).toEqual([422, 'body/newPassword']);
  expect((await here('PUT', '/api/auth/password', { currentPassword: password, newPassword: 'my own new passphrase' })).status).toBe(200);
  expect((await here('GET', '/api/auth/me')).status).toBe(200);
  expect((await elsewhere('GET', '/api/auth/me')).status).toBe(401);
});
