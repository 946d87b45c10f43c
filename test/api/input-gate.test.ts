/**
 * The input gate and the cross-site defences, each rule on the real API: what a hostile or
 * careless client sends is refused with a 4xx naming the field, nothing is stored or done, and
 * every answer carries the security headers.
 */
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { loadConfig } from '../../engine/config';
import { createApp } from '../../engine/http/app';
import { route } from '../../engine/http/route';
import { CONTENT_SECURITY_POLICY } from '../../engine/http/security-headers';
import { createLogger } from '../../engine/logger';
import { TaskEntity } from '../../engine/tasks/task.entity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { publish, startCase, taskProcess, waitFor } from '../support/processes';
import { rawRequest, type RawRequest } from '../support/raw-http';

const app = useTestApp({ seed: false });
/** As the test app's administrator (its API token), so that requests reach the gate behind the sign-in check. */
const raw = async (req: RawRequest) => rawRequest(app.url, { ...req, headers: { ...(await app.headers()), ...req.headers } });
const json = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
  raw({ method, path, body, headers: { 'content-type': 'application/json', ...headers } });

/** `levels` objects nested inside one another, as JSON text (JSON.stringify itself would overflow at depth). */
function nested(levels: number, leaf = '1'): string {
  return '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
}

let key: string;
beforeAll(async () => {
  key = uniqueKey('gate');
  await publish(app, taskProcess(key));
});

describe('writes carry JSON', () => {
  test.each([
    ['a form', 'application/x-www-form-urlencoded', 'processKey=x'],
    ['text', 'text/plain', '{"processKey":"x"}'],
    ['multipart', 'multipart/form-data; boundary=b', '--b--'],
    ['JSON in another charset', 'application/json; charset=latin1', '{"processKey":"x"}'],
  ])('%s → 415 with a JSON error', async (_what, type, body) => {
    const res = await raw({ method: 'POST', path: '/api/cases', body, headers: { 'content-type': type } });
    expect(res.status).toBe(415);
    expect(res.json.error).toEqual({ code: 'unsupported_media_type', message: expect.stringContaining('application/json') });
  });

  test('a write with no Content-Type is refused; with a JSON type and no body it means {}', async () => {
    const draft = uniqueKey('empty-body');
    await app.api('POST', '/api/processes', { key: draft, name: { zh: '空', en: 'Empty' }, definition: taskProcess(draft) });
    const untyped = await raw({ method: 'POST', path: `/api/processes/${draft}/publish` });
    expect([untyped.status, untyped.json.error.code]).toEqual([415, 'unsupported_media_type']);
    // The publish body's only field, comment, has a default: {} is a valid body.
    const typed = await raw({ method: 'POST', path: `/api/processes/${draft}/publish`, headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect([typed.status, typed.json.version]).toEqual([201, 1]);
  });
});

describe('bodies are bounded before they are parsed', () => {
  test('over the default 1 MB → 413 naming the limit', async () => {
    const res = await app.api('POST', '/api/cases', { processKey: key, input: { note: 'x'.repeat(1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'too_large', message: 'the request body is over 1 MB, the limit of this route' });
  });

  test("a route's own limit is enforced and published in the OpenAPI document", async () => {
    const small = route({
      method: 'post', path: '/api/small', tag: 'test', public: true, summary: 'small bodies only', bodyLimit: 1024,
      body: z.object({ text: z.string() }).strict(), handle: async ({ body }) => ({ length: body.text.length }),
    });
    const server = createApp([small], createLogger('silent'), { allowedHosts: ['127.0.0.1'] }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const send = (text: string) => rawRequest(base, { method: 'POST', path: '/api/small', body: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });
      expect((await send('x'.repeat(1000))).json).toEqual({ length: 1000 });
      const over = await send('x'.repeat(1100));
      expect([over.status, over.json.error.message]).toEqual([413, 'the request body is over 1 KB, the limit of this route']);
      const doc = await rawRequest(base, { method: 'GET', path: '/api/openapi.json' });
      expect(doc.json.paths['/api/small'].post['x-body-limit']).toBe(1024);
      // The contract lists every error code (language/api-errors.ts), the refusal's among them, for clients to word.
      expect(doc.json.components.schemas.Error.properties.error.properties.code.enum).toEqual(expect.arrayContaining([over.json.error.code, 'rule_tests_failed', 'stale_draft']));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('64 levels of nesting pass, 65 are refused; 10,000 in a case input and 5,000 in an event payload are a quick 422, not a 500', async () => {
    const at64 = await json('POST', '/api/validate', `{"definition":${nested(63)}}`);
    expect(at64.status).toBe(422);
    expect(at64.json.error.code).toBe('invalid_definition'); // past the gate: the validator answered

    const at65 = await json('POST', '/api/validate', `{"definition":${nested(64)}}`);
    expect([at65.status, at65.json.error]).toEqual([422, { code: 'invalid_body', message: 'the request body nests deeper than 64 levels', problems: [{ path: 'body', code: 'too_deep', message: 'nests deeper than 64 levels' }] }]);

    const started = Date.now();
    const deepInput = await json('POST', '/api/cases', `{"processKey":"${key}","input":${nested(10_000)}}`);
    expect([deepInput.status, deepInput.json.error.problems[0].code]).toEqual([422, 'too_deep']);
    const id = await startCase(app, key);
    const deepPayload = await json('POST', `/api/cases/${id}/events/go`, `{"payload":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect([deepPayload.status, deepPayload.json.error.problems[0].code]).toEqual([422, 'too_deep']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('text PostgreSQL refuses, and numbers JSON.parse turns into Infinity, are refused with their path', () => {
  let caseId: string;
  let taskId: string;
  const caseRows = async () => (await app.platform.services.db.query(`SELECT count(*)::int AS n FROM cases WHERE process_key = $1`, [key]))[0].n;
  let rowsBefore: number;
  beforeAll(async () => {
    caseId = await startCase(app, key);
    rowsBefore = await caseRows();
    const task = await eventually(async () => (await app.platform.services.db.getRepository(TaskEntity).findOneBy({ caseId: caseId })) ?? undefined);
    taskId = encodeURIComponent(task.id);
  });
  const def = (k: string, patch: object) => ({ ...taskProcess(k), ...patch });

  test.each<[string, () => [string, string, unknown], string]>([
    ['a process name', () => ['POST', '/api/processes', { key: uniqueKey('nul'), name: { zh: '隔离\u0000', en: 'Q' }, definition: def('x', {}) }], 'body/name/zh'],
    ['a node label', () => ['PUT', `/api/processes/${key}/draft`, { definition: { ...taskProcess(key), nodes: [{ id: 'start', type: 'start', label: { en: 'a\ud800' } }] } }], 'body/definition/nodes/0/label/en'],
    ['a node description', () => ['PUT', `/api/processes/${key}/draft`, { definition: { ...taskProcess(key), nodes: [{ id: 'start', type: 'start', description: '\udc00x' }] } }], 'body/definition/nodes/0/description'],
    ['a publish comment', () => ['POST', `/api/processes/${key}/publish`, { comment: 'ok\u0000' }], 'body/comment'],
    ['task completion data', () => ['POST', `/api/tasks/${taskId}/complete`, { data: { note: 'done\u0000' } }], 'body/data/note'],
    ['a case input value', () => ['POST', '/api/cases', { processKey: key, input: { name: '\ud800' } }], 'body/input/name'],
    ['a case input key', () => ['POST', '/api/cases', { processKey: key, input: { ['a\u0000']: 1 } }], 'body/input/a\u0000'],
    ['a lone low surrogate in a nested key', () => ['POST', '/api/cases', { processKey: key, input: { list: [{ ['\udc00']: 1 }] } }], 'body/input/list/0/\udc00'],
    ['an event payload', () => ['POST', `/api/cases/${caseId}/events/go`, { payload: { a: ['x', '\u0000'] } }], 'body/payload/a/1'],
    ['a rule set', () => ['POST', '/api/rulesets', { key: uniqueKey('rs'), description: 'a\u0000' }], 'body/description'],
  ])('in %s → 422 at the path, nothing stored', async (_where, request, path) => {
    const [method, url, body] = request();
    const res = await app.api(method, url, body);
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({ code: 'invalid_body', message: 'the request body is invalid', problems: [{ path, code: 'invalid_text', message: expect.any(String) }] });
  });

  test('nothing of those was stored: the draft, the task and the case are as before', async () => {
    const process = (await app.api('GET', `/api/processes/${key}`)).body;
    expect([process.draft, process.latestVersion]).toEqual([null, 1]);
    expect((await app.api('GET', `/api/tasks/${taskId}`)).body.status).toBe('open');
    expect(await caseRows()).toBe(rowsBefore);
  });

  test.each([
    ['a path parameter', '/api/processes/a%00b', 'params/key'],
    ['a query value', '/api/tasks?role=nurse%00', 'query/role'],
    ['a query key', '/api/tasks?x%00=1', 'query/x\u0000'],
  ])('in %s → 400 at the path', async (_where, url, path) => {
    const res = await raw({ method: 'GET', path: url });
    expect(res.status).toBe(400);
    expect(res.json.error.problems).toEqual([{ path, code: 'invalid_text', message: expect.any(String) }]);
  });

  test('a path parameter whose %-escapes are not UTF-8 (a lone surrogate) → 400 with a JSON error', async () => {
    const res = await raw({ method: 'GET', path: '/api/processes/%ED%A0%80' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toEqual(expect.any(String));
  });

  test.each([['1e999'], ['-1e999']])('%s (Infinity to JSON.parse) → 422 at its path', async (n) => {
    const res = await json('POST', '/api/cases', `{"processKey":"${key}","input":{"dose":${n}}}`);
    expect(res.status).toBe(422);
    expect(res.json.error.problems).toEqual([{ path: 'body/input/dose', code: 'number_out_of_range', message: expect.any(String) }]);
  });

  test('a key holding / or ~ stays one segment of the path (JSON-pointer escaped)', async () => {
    const res = await json('POST', '/api/cases', `{"processKey":"${key}","input":{"a/b~c":1e999}}`);
    expect([res.status, res.json.error.problems]).toEqual([422, [{ path: 'body/input/a~1b~0c', code: 'number_out_of_range', message: expect.any(String) }]]);
  });

  test('a __proto__ key → 422 (it would replace an object prototype, not add a field)', async () => {
    const res = await json('POST', '/api/cases', `{"processKey":"${key}","input":{"__proto__":{"admin":true}}}`);
    expect([res.status, res.json.error.problems[0]]).toEqual([422, { path: 'body/input/__proto__', code: 'forbidden_key', message: expect.any(String) }]);
  });

  test('surrogate pairs are ordinary text: an emoji in a case input starts the case', async () => {
    expect((await app.api('POST', '/api/cases', { processKey: key, input: { note: '隔离 😷' } })).status).toBe(201);
  });
});

describe('cursors are the server’s own', () => {
  test('a made-up cursor → 400 at once (it was a 500 after 19 s)', async () => {
    const started = Date.now();
    const res = await raw({ method: 'GET', path: '/api/cases?cursor=AAAA' });
    // Far under the 19 s it took, with room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(5000);
    expect([res.status, res.json.error.problems]).toEqual([400, [{ path: 'query/cursor', code: 'invalid_cursor', message: expect.any(String) }]]);
  });

  test('an issued cursor pages on; altered, or used for another listing, it is refused', async () => {
    const pager = uniqueKey('pages');
    await publish(app, taskProcess(pager));
    for (let i = 0; i < 3; i++) await startCase(app, pager);
    const first = await eventually(async () => {
      const res = await app.api('GET', `/api/cases?processKey=${pager}&limit=2`);
      return res.body.items?.length === 2 && res.body.nextCursor ? res.body : undefined;
    });
    const cursor: string = first.nextCursor;
    const next = await app.api('GET', `/api/cases?processKey=${pager}&limit=2&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);

    const altered = cursor.slice(0, 3) + (cursor[3] === 'A' ? 'B' : 'A') + cursor.slice(4);
    expect((await app.api('GET', `/api/cases?processKey=${pager}&limit=2&cursor=${altered}`)).status).toBe(400);
    expect((await app.api('GET', `/api/cases?processKey=${key}&limit=2&cursor=${cursor}`)).status).toBe(400);
    expect((await app.api('GET', `/api/cases?limit=2&cursor=${cursor}`)).status).toBe(400);
  });
});

describe('cross-site requests', () => {
  const port = () => new URL(app.url).port;

  test('a Host the server does not know → 421 with a JSON error; the allowed names answer', async () => {
    const evil = await raw({ method: 'GET', path: '/api/processes', headers: { host: `evil.example:${port()}` } });
    expect([evil.status, evil.json.error.code]).toEqual([421, 'host_not_allowed']);
    expect(evil.json.error.message).toContain('ALLOWED_HOSTS');
    const garbage = await raw({ method: 'GET', path: '/api/processes', headers: { host: 'a b/c' } });
    expect([garbage.status, garbage.json.error.code]).toEqual([400, 'bad_host']);
    for (const name of ['localhost', '127.0.0.1', 'LOCALHOST']) {
      expect((await raw({ method: 'GET', path: '/api/processes', headers: { host: `${name}:${port()}` } })).status).toBe(200);
    }
  });

  test('ALLOWED_HOSTS adds names to loopback and the listening name; a malformed list stops the start', () => {
    expect(loadConfig({}).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'epi.example.gov.cn, Other.Example' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', 'epi.example.gov.cn', 'other.example']);
    expect(loadConfig({ HOST: 'epi.internal' }).allowedHosts).toContain('epi.internal');
    expect(loadConfig({ HOST: '::1' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'https://epi.example:443' })).toThrow("ALLOWED_HOSTS must be comma-separated host names or addresses, without scheme or port, got 'https://epi.example:443'");
  });

  test("another site's form POST to cancel a case is refused and the case is NOT cancelled; this site's cancels it", async () => {
    const id = await startCase(app, key);
    await waitFor(app, id, 'running', 'check');
    const url = `/api/cases/${id}/cancel`;
    const form = await raw({ method: 'POST', path: url, body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' } });
    expect([form.status, form.json.error.code]).toEqual([403, 'cross_origin']);
    const script = await json('POST', url, '{}', { origin: 'http://evil.example' });
    expect([script.status, script.json.error.code]).toEqual([403, 'cross_origin']);
    const sandboxed = await json('POST', url, '{}', { origin: 'null' });
    expect(sandboxed.status).toBe(403);
    const sameSite = await json('POST', url, '{}', { 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    const noOriginForm = await raw({ method: 'POST', path: url, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(noOriginForm.status).toBe(415);

    await new Promise((r) => setTimeout(r, 500));
    expect((await waitFor(app, id, 'running', 'check')).status).toBe('running');

    const ours = await json('POST', url, '{}', { origin: app.url, 'sec-fetch-site': 'same-origin' });
    expect(ours.status).toBe(202);
    await waitFor(app, id, 'cancelled');
  });

  test('CORS stays closed: no preflight and no answer grants another origin', async () => {
    const preflight = await raw({
      method: 'OPTIONS', path: '/api/cases',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await raw({ method: 'GET', path: '/api/processes', headers: { origin: 'http://evil.example' } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('security headers', () => {
  const expected = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };

  test('the policy loads only this site’s scripts and cannot be framed', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });

  test.each<[string, RawRequest, number]>([
    ['an API answer', { method: 'GET', path: '/api/health' }, 200],
    ['an API error', { method: 'GET', path: '/api/nothing' }, 404],
    ['a refused Host', { method: 'GET', path: '/api/health', headers: { host: 'evil.example' } }, 421],
    ['a refused write', { method: 'POST', path: '/api/cases', body: 'a=1' }, 415],
    ["the editor's HTML", { method: 'GET', path: '/' }, 200],
    ["a client-side route of the editor", { method: 'GET', path: '/rulesets/x' }, 200],
  ])('on %s', async (_what, req, status) => {
    const res = await raw(req);
    expect(res.status).toBe(status);
    if (req.path === '/') expect(res.headers['content-type']).toMatch(/^text\/html/); // the built editor (npm run build)
    expect(res.headers).toMatchObject(expected);
    expect(res.text).not.toMatch(/\n\s+at /); // no stack trace, whatever the answer
  });
});
