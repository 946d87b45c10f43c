/**
 * Single sign-on against a real OpenID provider (oidc-provider, in a worker thread of this
 * process): the browser's path through the provider's authorization endpoint, its login and
 * consent pages and back, followed request by request with the provider's cookies; then the
 * account the app made from the claims, with the role and org units its groups map to.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startTestApp, type TestApp } from '../support/app';
import { freePort } from '../support/os-processes';

const suffix = randomBytes(3).toString('hex');
const login = (name: string) => `${name}-${suffix}`;
const accounts: Record<string, Record<string, unknown>> = {
  [login('li.ming')]: { preferred_username: login('li.ming'), name: '李明', groups: ['qjp-operators', 'unmapped'] },
  [login('zhao.lei')]: { preferred_username: login('zhao.lei'), groups: ['nobody-here'] },
  [login('mallory')]: { preferred_username: 'admin', groups: ['epi-auditors'] },
};
const GROUP_MAP = { 'qjp-operators': { roles: ['operator'], orgUnits: ['qingjiangpu'] }, 'epi-auditors': { roles: ['auditor'] }, 'epi-supervisors': { roles: ['supervisor'], orgUnits: ['huaiyin'] } };

let provider: Worker;
let issuer: string;
let app: TestApp;
let callback: string;

beforeAll(async () => {
  const port = await freePort();
  callback = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
  provider = new Worker(path.join(__dirname, 'oidc-provider.mjs'), { workerData: { clientId: 'epi-flow', clientSecret: 'a client secret for the test', redirectUri: callback, accounts } });
  issuer = await new Promise<string>((resolve, reject) => {
    provider.once('message', (m: { issuer: string }) => resolve(m.issuer));
    provider.once('error', reject);
  });
  app = await startTestApp({
    seed: false,
    env: {
      PORT: String(port),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'epi-flow',
      OIDC_CLIENT_SECRET: 'a client secret for the test',
      OIDC_REDIRECT_URL: callback,
      OIDC_SCOPES: 'openid profile groups',
      OIDC_GROUP_MAP: JSON.stringify(GROUP_MAP),
    },
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  provider?.postMessage('stop');
  await provider?.terminate();
});

/** A browser's cookie jar, enough for one site. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in at the provider as `who`, as a browser does: from the app's login route through the
 * provider's pages (the login form, then consent), each form posted as a person would, until the
 * provider sends the browser back to the app's callback. Answers that callback URL.
 */
async function throughProvider(who: string): Promise<{ start: URL; back: URL }> {
  const started = await fetch(`${app.url}/api/auth/oidc/login`, { redirect: 'manual' });
  expect(started.status).toBe(302);
  const start = new URL(started.headers.get('location')!);
  const jar = new Jar();
  let next: { url: URL; init?: RequestInit } = { url: start };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(next.url, { ...next.init, redirect: 'manual', headers: { ...(next.init?.headers as Record<string, string>), cookie: jar.header } });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      const to = new URL(res.headers.get('location')!, next.url);
      if (to.href.startsWith(callback)) return { start, back: to };
      next = { url: to };
      continue;
    }
    const page = await res.text();
    expect(res.status).toBe(200);
    const action = page.match(/<form[^>]*action="([^"]+)"/)?.[1];
    const prompt = page.match(/name="prompt" value="([^"]+)"/)?.[1];
    if (!action || !prompt) throw new Error(`the provider answered a page without a form: ${page.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: who, password: 'any password the dev login takes' } : {}) });
    next = { url: new URL(action, next.url), init: { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } } };
  }
  throw new Error('the provider never sent the browser back');
}

/** Follows the provider's redirect into the app; answers the app's answer and its session cookie. */
async function back(to: URL): Promise<{ res: Response; cookie?: string }> {
  const res = await fetch(`${app.url}${to.pathname}${to.search}`, { redirect: 'manual' });
  return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

test("a sign-in through the provider's authorization endpoint makes the account with the role and org units its groups map to", async () => {
  const { start, back: to } = await throughProvider(login('li.ming'));
  expect(start.origin).toBe(issuer);
  expect(Object.fromEntries(start.searchParams)).toMatchObject({ client_id: 'epi-flow', response_type: 'code', code_challenge_method: 'S256', redirect_uri: callback, scope: 'openid profile groups' });
  expect(start.searchParams.get('state')).toBeTruthy();
  expect(start.searchParams.get('nonce')).toBeTruthy();
  expect(to.searchParams.get('code')).toBeTruthy();

  const { res, cookie } = await back(to);
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe(new URL('/', callback).href);
  expect(res.headers.get('set-cookie')).toMatch(/^epi_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  const me = await fetch(`${app.url}/api/auth/me`, { headers: { cookie: cookie! } });
  expect(me.status).toBe(200);
  const body = (await me.json()) as { user: Record<string, unknown>; permissions: string[]; csrfToken: string };
  expect(body.user).toMatchObject({ username: login('li.ming'), displayName: '李明', roles: ['operator'], orgUnits: ['qingjiangpu'], groups: ['qjp-operators', 'unmapped'], sso: true, hasPassword: false });
  expect(body.permissions).toContain('case.start');
  expect(body.permissions).not.toContain('process.publish');
  expect(body.csrfToken).toBeTruthy();

  const audit = await app.platform.services.db.query(`SELECT actor, action, detail FROM audit_log WHERE kind = 'session' AND actor = $1`, [login('li.ming')]);
  expect(audit).toEqual([{ actor: login('li.ming'), action: 'sign_in', detail: { via: 'oidc', roles: ['operator'], orgUnits: ['qingjiangpu'] } }]);
});

test('the groups are read again at every sign-in: a move at the provider moves the role and units here', async () => {
  const who = login('li.ming');
  provider.postMessage({ login: who, claims: { ...accounts[who], groups: ['epi-supervisors'] } });
  const { cookie } = await back((await throughProvider(who)).back);
  const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: { cookie: cookie! } })).json()) as { user: Record<string, unknown> };
  expect(me.user).toMatchObject({ username: who, roles: ['supervisor'], orgUnits: ['huaiyin'] });
  const rows = await app.platform.services.db.query(`SELECT count(*)::int AS n FROM users WHERE username LIKE $1`, [`${who}%`]);
  expect(rows).toEqual([{ n: 1 }]);
});

test('groups that map to no role: no account, 403 no_role', async () => {
  const { res } = await back((await throughProvider(login('zhao.lei'))).back);
  expect(res.status).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no_role');
  expect(await app.platform.services.auth.users.find({ username: login('zhao.lei') })).toBeUndefined();
});

test("a provider user calling themselves 'admin' gets an account of their own, never the local admin's", async () => {
  const admin = await app.platform.services.auth.users.find({ username: 'admin' });
  const { cookie } = await back((await throughProvider(login('mallory'))).back);
  const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: { cookie: cookie! } })).json()) as { user: { id: string; username: string; roles: string[] } };
  expect(me.user.id).not.toBe(admin!.id);
  expect(me.user.username).toMatch(/^admin\.[0-9a-f]{8}$/);
  expect(me.user.roles).toEqual(['auditor']);
  expect(await app.platform.services.auth.users.find({ username: 'admin' })).toEqual(admin);
});

test('a callback is good once: replayed, or with a state nobody issued, it is refused and signs nobody in', async () => {
  const { back: to } = await throughProvider(login('li.ming'));
  expect((await back(to)).res.status).toBe(302);
  const replay = await back(to);
  expect([replay.res.status, replay.cookie]).toEqual([400, undefined]);
  const forged = new URL(to);
  forged.searchParams.set('state', 'made-up');
  expect((await back(forged)).res.status).toBe(400);
  const refused = await fetch(`${app.url}/api/auth/oidc/callback?error=access_denied&state=x`, { redirect: 'manual' });
  expect(refused.status).toBe(401);
});
