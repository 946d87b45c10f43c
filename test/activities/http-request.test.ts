import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';

/** A stand-in external system: answers 503 to the first call of each path marked /flaky, echoes everything else. */
const calls: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url?.startsWith('/flaky') && calls.filter((c) => c.url === req.url).length === 1) return void res.writeHead(503).end();
    if (req.url?.startsWith('/elsewhere')) return void res.writeHead(302, { location: 'http://example.com/' }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: body ? JSON.parse(body) : null }));
  });
});
let base: string;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});
// The test app allows 127.0.0.1 and localhost in HTTP_ALLOWED_HOSTS.
const app = useTestApp();

async function callThrough(url: string, extra: Record<string, string> = {}) {
  const key = uniqueKey('http');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'call', type: 'activity', activity: 'httpRequest', input: { url: `'${url}'`, ...extra }, output: 'answer', retry: { initialInterval: 'PT0.2S' } },
      { id: 'end', type: 'end' },
    ]),
  );
  return startCase(app, key);
}

test('posts JSON to an allowed host, with the step idempotency key, and stores the answer', async () => {
  const id = await callThrough(`${base}/labs/bookings`, { method: "'POST'", body: "{'kind': 'landing'}" });
  const done = await waitFor(app, id, 'completed');
  expect(done.variables.answer).toEqual({ status: 200, ok: true, body: { echoed: { kind: 'landing' } } });
  const call = calls.find((c) => c.url === '/labs/bookings')!;
  expect(call.method).toBe('POST');
  expect(call.headers['content-type']).toBe('application/json');
  expect(call.headers['idempotency-key']).toBe(`${id}:call:1`);
});

test('a 503 is retried as the policy says', async () => {
  const id = await callThrough(`${base}/flaky/${uniqueKey('x')}`);
  const done = await waitFor(app, id, 'completed');
  expect(done.variables.answer.status).toBe(200);
});

test('a host outside HTTP_ALLOWED_HOSTS is refused at once, without a retry, and the case says why in an incident', async () => {
  const id = await callThrough('http://169.254.169.254/latest/meta-data');
  const waiting = await eventually(async () => {
    const s = (await app.api('GET', `/api/cases/${id}`)).body;
    return s.incidents?.length ? s : undefined;
  });
  expect(waiting.incidents[0]).toMatchObject({ nodeId: 'call', error: "host '169.254.169.254' is not in HTTP_ALLOWED_HOSTS", errorType: 'HostNotAllowed', attempts: 1 });
  const history = await app.client.workflow.getHandle(id).fetchHistory();
  const scheduled = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes);
  const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
  expect(scheduled).toHaveLength(1);
  expect(started[0].activityTaskStartedEventAttributes?.attempt).toBe(1);
});

test('a redirect is handed back, not followed to another host', async () => {
  const id = await callThrough(`${base}/elsewhere`);
  const done = await waitFor(app, id, 'completed');
  expect(done.variables.answer).toMatchObject({ status: 302, ok: false });
});
