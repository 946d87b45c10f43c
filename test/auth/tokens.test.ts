/**
 * API tokens: made by an account for itself with a subset of its permissions (asking for more is
 * a 422 naming them), shown once and stored hashed, listed without their secrets, and refused
 * (401) once revoked or expired, or when the account is disabled; a token never does more than
 * its account may do now.
 */
import { uniqueKey, useTestApp } from '../support/app';
import { apiCall } from '../support/callers';
import { digest } from '../../engine/auth/secrets';
import { ROLES } from '../../engine/auth/permissions';

const app = useTestApp({ seed: false });
const bearer = (token: string) => apiCall(app.url, async () => ({ authorization: `Bearer ${token}` }));

test('a token with a subset of the permissions does what they allow and nothing more; no CSRF token needed', async () => {
  const designer = app.as(uniqueKey('tok-designer'), { roles: ['designer'] });
  const made = await designer.api('POST', '/api/tokens', { name: 'ci pipeline', expiresInDays: 30, permissions: ['process.read', 'account.self'] });
  expect(made.status).toBe(201);
  expect(made.headers.get('cache-control')).toBe('no-store');
  expect(made.body).toMatchObject({ token: expect.stringMatching(/^epi_[\w-]{43}$/), name: 'ci pipeline', permissions: ['process.read', 'account.self'], hint: made.body.token.slice(0, 8), revokedAt: null });
  expect(new Date(made.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
  const ci = bearer(made.body.token);
  expect((await ci('GET', '/api/processes')).status).toBe(200);
  const publish = await ci('POST', '/api/validate', { definition: {} });
  expect([publish.status, publish.body.error.code]).toEqual([403, 'forbidden']);
  expect(publish.body.error.message).toBe("this needs the permission 'process.write', which this token lacks");
  expect((await ci('GET', '/api/auth/me')).body).toMatchObject({ via: 'token', permissions: ['account.self', 'process.read'] });
  // The database holds its hash only.
  const rows = await app.platform.services.db.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [made.body.id]);
  expect(rows).toEqual([{ token_hash: digest(made.body.token) }]);
});

test('asking for a permission the caller does not hold is a 422 naming each one; an unknown name is a 422 too', async () => {
  const operator = app.as(uniqueKey('tok-operator'), { roles: ['operator'] });
  const more = await operator.api('POST', '/api/tokens', { name: 'too much', permissions: ['case.read', 'process.publish', 'user.manage'] });
  expect(more.status).toBe(422);
  expect(more.body.error).toMatchObject({ code: 'permissions_not_held', message: 'a token gets a subset of your permissions; you lack process.publish, user.manage' });
  expect(more.body.error.problems.map((p: { path: string }) => p.path)).toEqual(['body/permissions/1', 'body/permissions/2']);
  const unknown = await operator.api('POST', '/api/tokens', { name: 'x', permissions: ['root'] });
  expect([unknown.status, unknown.body.error.problems[0].path]).toEqual([422, 'body/permissions/0']);
  expect((await operator.api('GET', '/api/tokens')).body.filter((t: { name: string }) => t.name !== `test ${operator.username}`)).toEqual([]);
});

test('the list shows one\'s own tokens without secrets; a revoked token answers 401 at once; another\'s token cannot be revoked', async () => {
  const owner = app.as(uniqueKey('tok-owner'), { roles: ['auditor'] });
  const made = (await owner.api('POST', '/api/tokens', { name: 'lab system' })).body;
  // Without a subset named, a token gets all of its owner's permissions: the auditor's, read-only.
  expect(made.permissions.sort()).toEqual([...ROLES.auditor].sort());
  expect(made.permissions.every((p: string) => p.endsWith('.read') || p === 'account.self')).toBe(true);
  const list = await owner.api('GET', '/api/tokens');
  expect(list.body.map((t: { name: string }) => t.name)).toContain('lab system');
  expect(JSON.stringify(list.body)).not.toContain(made.token);

  const stranger = app.as(uniqueKey('tok-stranger'), { roles: ['auditor'] });
  expect((await stranger.api('DELETE', `/api/tokens/${made.id}`)).status).toBe(404);
  expect((await bearer(made.token)('GET', '/api/processes')).status).toBe(200);

  const revoked = await owner.api('DELETE', `/api/tokens/${made.id}`);
  expect([revoked.status, revoked.body.revokedAt]).toEqual([200, expect.any(String)]);
  const after = await bearer(made.token)('GET', '/api/processes');
  expect([after.status, after.body.error.code]).toEqual([401, 'unauthenticated']);
  const audit = await app.platform.services.db.query(`SELECT action FROM audit_log WHERE kind = 'token' AND key = $1 ORDER BY id`, [made.id]);
  expect(audit.map((r: { action: string }) => r.action)).toEqual(['create', 'revoke']);
});

test('an expired token answers 401', async () => {
  const made = (await app.as(uniqueKey('tok-exp'), { roles: ['auditor'] }).api('POST', '/api/tokens', { name: 'short', expiresInDays: 1 })).body;
  expect((await bearer(made.token)('GET', '/api/processes')).status).toBe(200);
  // A day passes: the expiry moves to a moment ago (the database's clock decides).
  await app.platform.services.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [made.id]);
  expect((await bearer(made.token)('GET', '/api/processes')).status).toBe(401);
});

test("a token does no more than its account may do now: a role taken away or the account disabled takes effect on the token", async () => {
  const username = uniqueKey('tok-demoted');
  const caller = app.as(username, { roles: ['designer', 'auditor'] });
  const made = (await caller.api('POST', '/api/tokens', { name: 'all of mine' })).body;
  const token = bearer(made.token);
  expect((await token('GET', '/api/audit')).status).not.toBe(403);
  const { id } = (await app.platform.services.auth.users.find({ username }))!;
  expect((await app.api('PUT', `/api/users/${id}`, { roles: ['designer'] })).status).toBe(200);
  expect((await token('GET', '/api/audit')).status).toBe(403);
  expect((await token('GET', '/api/processes')).status).toBe(200);
  expect((await app.api('POST', `/api/users/${id}/disable`)).status).toBe(200);
  expect((await token('GET', '/api/processes')).status).toBe(401);
});

test('a malformed Authorization header is a 401, and a cookie does not rescue a bad token', async () => {
  for (const authorization of ['Basic YWRtaW46eA==', 'Bearer', 'Bearer epi_not-a-token', `Bearer ${'x'.repeat(3000)}`]) {
    expect((await app.anonymous.api('GET', '/api/processes', undefined, { authorization })).status).toBe(401);
  }
});
