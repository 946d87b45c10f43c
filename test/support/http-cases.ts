/**
 * A case driven over plain HTTP, for tests that run the app as a user does (its own processes, no
 * test app). Calls to an app a test signed in to (signIn) carry its session cookie and CSRF token.
 */
import { eventually } from './app';
import { TEST_ADMIN_PASSWORD } from './callers';

const signedIn = new Map<string, Record<string, string>>();

/** Signs in to the app at `base` as the first administrator (the password the suite gives it); later calls to it carry the session. */
export async function signIn(base: string, username = 'admin', password = TEST_ADMIN_PASSWORD): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in to ${base} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const headers = { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
  signedIn.set(new URL(base).origin, headers);
  return headers;
}

/** The session headers of an app signed in to (none before signIn). */
export function sessionHeaders(url: string): Record<string, string> {
  return signedIn.get(new URL(url).origin) ?? {};
}

export async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const session = sessionHeaders(url);
  const res = await fetch(url, { ...init, headers: { ...session, ...(init.headers as Record<string, string>) } });
  return { status: res.status, body: await res.json() };
}

export const post = (url: string, body: unknown) => json(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Publishes `key`, a process that waits for the event 'go', and starts a case of it; answers the case's URL once it waits. */
export async function waitingCase(base: string, key: string): Promise<string> {
  if (!signedIn.has(new URL(base).origin)) await signIn(base);
  const def = {
    key,
    name: { zh: key, en: key },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'wait', type: 'event', event: 'go' },
      { id: 'end', type: 'end', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'wait' },
      { id: 'e2', from: 'wait', to: 'end' },
    ],
  };
  expect((await post(`${base}/api/processes`, { key, name: def.name, definition: def })).status).toBe(201);
  expect((await post(`${base}/api/processes/${key}/publish`, { comment: 'v1' })).status).toBe(201);
  const started = await post(`${base}/api/cases`, { processKey: key, input: {} });
  expect(started.status).toBe(201);
  const caseUrl = `${base}/api/cases/${started.body.caseId}`;
  await eventually(async () => ((await json(caseUrl)).body.activeNodes?.includes('wait') ? true : undefined), 30_000, 'the case to wait');
  return caseUrl;
}

/** Sends 'go' to a case from waitingCase() and waits until it has completed. */
export async function completeWaitingCase(caseUrl: string): Promise<void> {
  expect((await post(`${caseUrl}/events/go`, { payload: null })).status).toBe(202);
  await eventually(async () => ((await json(caseUrl)).body.status === 'completed' ? true : undefined), 30_000, 'the case to complete');
}
