/**
 * First start as a user runs it (`npm run api` on an empty database): the administrator `admin`
 * is made with a random password printed once on one line, or with ADMIN_PASSWORD; never a
 * default one. The process's log lines tell failed sign-ins and a lock without the password.
 */
import type { ChildProcess } from 'node:child_process';
import { uniqueKey } from '../support/app';
import { freePort, runMain, waitForOutput } from '../support/os-processes';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

jest.setTimeout(120_000);

const databases: ScratchDatabase[] = [];
const children: ChildProcess[] = [];

/** A new empty database on the suite's PostgreSQL server; answers its URL. */
async function emptyDatabase(): Promise<string> {
  const db = await scratchDatabase();
  databases.push(db);
  return db.url;
}

/** `npm run api` on `databaseUrl`; answers its URL and everything it printed up to "started". */
async function api(databaseUrl: string, env: Record<string, string> = {}): Promise<{ base: string; out: () => string; child: ChildProcess }> {
  const port = await freePort();
  const child = runMain('api', { PORT: String(port), DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: uniqueKey('first'), SEED: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: '', ...env });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await waitForOutput(child, /Web app:\s+http/, 60_000);
  return { base: `http://127.0.0.1:${port}`, out: () => out, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

const signIn = (base: string, username: string, password: string) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

afterAll(async () => {
  await Promise.all(children.map(stop));
  for (const db of databases) await db.drop();
});

test('no account and no ADMIN_PASSWORD: admin gets a random password, printed once on one line; a restart prints nothing', async () => {
  const db = await emptyDatabase();
  const first = await api(db, { LOGIN_MAX_FAILURES: '2' });
  const lines = first.out().split('\n').filter((l) => l.includes('First start'));
  expect(lines).toHaveLength(1);
  const password = lines[0].match(/^First start: created the administrator "admin" with the password (\S+) \(shown only this once: sign in and change it\)\.$/)?.[1];
  expect(password).toMatch(/^[\w-]{24}$/);
  expect(first.out().split(password!).length - 1).toBe(1);

  const ok = await signIn(first.base, 'admin', password!);
  expect(ok.status).toBe(200);
  const cookie = ok.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await ok.json()) as { csrfToken: string };
  const me = (await (await fetch(`${first.base}/api/auth/me`, { headers: { cookie } })).json()) as { user: { id: string; roles: string[] } };
  expect(me.user.roles).toEqual(['admin']);

  // The one administrator can be neither disabled nor demoted.
  const last = await fetch(`${first.base}/api/users/${me.user.id}/disable`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } });
  expect([last.status, ((await last.json()) as { error: { code: string } }).error.code]).toEqual([409, 'last_admin']);

  // Failed sign-ins and the lock are logged, without the password tried.
  for (const guess of ['first wrong guess!', 'second wrong guess!']) expect((await signIn(first.base, 'admin', guess)).status).toBe(401);
  expect((await signIn(first.base, 'admin', password!)).status).toBe(429);
  await new Promise((r) => setTimeout(r, 300));
  const log = first.out().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(log.filter((l) => l.msg === 'sign-in failed')).toEqual([expect.objectContaining({ username: 'admin', reason: 'wrong_password' }), expect.objectContaining({ username: 'admin', reason: 'wrong_password' })]);
  expect(log).toContainEqual(expect.objectContaining({ msg: 'account locked after repeated failed sign-ins', username: 'admin' }));
  expect(first.out()).not.toMatch(/wrong guess/);
  await stop(first.child);

  const again = await api(db);
  expect(again.out()).not.toMatch(/First start/);
  await stop(again.child);
});

test('with ADMIN_PASSWORD, admin gets that password and the console says so without printing it', async () => {
  const db = await emptyDatabase();
  const started = await api(db, { ADMIN_PASSWORD: 'the operator chose this one' });
  expect(started.out()).toContain('First start: created the administrator "admin" with the password in ADMIN_PASSWORD.');
  expect(started.out()).not.toContain('the operator chose this one');
  expect((await signIn(started.base, 'admin', 'the operator chose this one')).status).toBe(200);
  await stop(started.child);
});

test('an ADMIN_PASSWORD under the rules stops the start with one line naming it', async () => {
  const child = runMain('api', { ADMIN_PASSWORD: 'short', DATABASE_URL: await emptyDatabase() });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise((r) => child.once('exit', r));
  expect(code).toBe(1);
  expect(stderr.trim()).toBe("ADMIN_PASSWORD must be 12-256 characters and not contain 'admin'; the value given is not (not shown: it is a secret)");
});
