import { AuditEntity } from '../../engine/audit/audit.entity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { brokenDefinition, invalidCases, validBase } from '../support/invalid-definitions';
import { publish, startCase } from '../support/processes';

const app = useTestApp();

function withKey(def: unknown, key: string): unknown {
  return { ...(def as object), key };
}

describe('validation through the API: one case per problem code', () => {
  test.each(invalidCases.map(([code]) => code))('%s → 422 from POST /api/validate, and publish refuses it', async (code) => {
    const key = uniqueKey('bad');
    const def = withKey(brokenDefinition(code), key);
    const res = await app.api('POST', '/api/validate', { definition: def });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_definition');
    expect(res.body.error.problems).toContainEqual(expect.objectContaining({ code, path: expect.any(String), message: expect.any(String) }));

    const created = await app.api('POST', '/api/processes', { key, name: { zh: '坏', en: 'Bad' }, definition: def });
    if (code === 'invalid_schema' || code === 'too_large') {
      // Not a definition at all: not even a draft is saved.
      expect(created.status).toBe(422);
      expect((await app.api('GET', `/api/processes/${key}`)).status).toBe(404);
      return;
    }
    expect(created.status).toBe(201);
    expect(created.body.problems).toContainEqual(expect.objectContaining({ code }));
    const published = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'try' });
    expect(published.status).toBe(422);
    const after = await app.api('GET', `/api/processes/${key}`);
    expect(after.body.versions).toEqual([]);
    expect(after.body.latestVersion).toBeNull();
  });

  test('the valid base validates', async () => {
    const res = await app.api('POST', '/api/validate', { definition: validBase() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, problems: [], warnings: [] });
  });
});

describe('request shapes', () => {
  test('malformed JSON is a 400 with a code, not a stack trace', async () => {
    const res = await app.api('POST', '/api/processes', '{"key": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'malformed_json', message: 'the request body is not valid JSON' } });
  });

  test('a body missing fields names each field', async () => {
    const res = await app.api('POST', '/api/processes', { key: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.error.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['body/name', 'body/definition']));
  });

  test('ids in paths are checked before any lookup', async () => {
    expect((await app.api('GET', '/api/processes/NOT_A_KEY')).status).toBe(400);
    expect((await app.api('GET', '/api/processes/missing-one')).status).toBe(404);
    expect((await app.api('GET', '/api/processes/missing-one/versions/abc')).status).toBe(400);
    expect((await app.api('GET', '/api/cases/not-a-case')).status).toBe(400);
    expect((await app.api('GET', '/api/cases/demo.0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await app.api('GET', '/api/nothing-here')).status).toBe(404);
  });

  test('the definition key must match the URL', async () => {
    const key = uniqueKey('mismatch');
    const res = await app.api('POST', '/api/processes', { key, name: { zh: 'a', en: 'a' }, definition: withKey(validBase(), 'other-key') });
    expect(res.status).toBe(422);
    expect(res.body.error.problems[0]).toMatchObject({ path: 'definition/key', code: 'key_mismatch' });
  });

  test('X-User names nobody: the actor is the signed-in caller', async () => {
    const key = uniqueKey('actor');
    const v1 = withKey(validBase(), key) as ReturnType<typeof validBase>;
    expect((await app.as('admin-li').api('POST', '/api/processes', { key, name: v1.name, definition: v1 }, { 'x-user': 'a b<script>' })).status).toBe(201);
    expect((await app.api('GET', `/api/processes/${key}`)).body.draft.author).toBe('admin-li');
  });

  test('OpenAPI is served and lists every route with its body schema', async () => {
    const res = await app.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/processes', '/api/processes/{key}/publish', '/api/cases/{id}/migrate', '/api/rulesets/{key}/simulate']));
    expect(res.body.paths['/api/cases'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('processKey');
  });
});

describe('descriptions in both languages', () => {
  const described = (description: unknown, noteDescription: unknown) => {
    const def = validBase() as unknown as { name: unknown; description?: unknown; nodes: { id: string; description?: unknown }[] };
    return { ...def, description, nodes: def.nodes.map((n) => (n.id === 'note' ? { ...n, description: noteDescription } : n)) };
  };

  test('a process and a step take {zh, en}, one language, or a plain string as stored before; a draft keeps them as sent', async () => {
    for (const [process, step] of [
      [{ zh: '入境人员登记', en: 'Registers arrivals' }, { zh: '记一行日志', en: 'Logs a line' }],
      ['Registers arrivals', '记一行日志'],
      [{ en: 'Registers arrivals' }, { zh: '记一行日志' }],
    ]) {
      expect((await app.api('POST', '/api/validate', { definition: described(process, step) })).status).toBe(200);
    }
    const key = uniqueKey('described');
    const def = { ...described({ zh: '入境人员登记', en: 'Registers arrivals' }, '记一行日志'), key };
    expect((await app.api('POST', '/api/processes', { key, name: def.name, definition: def })).status).toBe(201);
    const saved = (await app.api('GET', `/api/processes/${key}`)).body.draft.definition;
    expect([saved.description, saved.nodes[1].description]).toEqual([{ zh: '入境人员登记', en: 'Registers arrivals' }, '记一行日志']);
  });

  test.each([
    ['an empty Chinese side', { zh: '' }, 'Registers arrivals', 'description/zh'],
    ['a number', 42, 'Registers arrivals', 'description'],
    ['an empty object on a step', 'Registers arrivals', {}, 'nodes/1/description'],
    ['a number on a step', 'Registers arrivals', 7, 'nodes/1/description'],
  ])('%s is refused with 422 naming the path', async (_what, process, step, path) => {
    const res = await app.api('POST', '/api/validate', { definition: described(process, step) });
    expect(res.status).toBe(422);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ code: 'invalid_schema', path })]);
    const key = uniqueKey('described');
    const created = await app.api('POST', '/api/processes', { key, name: { zh: '坏', en: 'Bad' }, definition: { ...described(process, step), key } });
    expect(created.status).toBe(422);
    expect(created.body.error.problems).toEqual([expect.objectContaining({ code: 'invalid_schema', path })]);
  });

  test('the JSON Schema the API serves is derived from the zod schema: a description is text or {zh, en}', async () => {
    const res = await app.api('GET', '/api/schema/process');
    const pair = { type: 'object', properties: { zh: { type: 'string', minLength: 1, maxLength: 4000 }, en: { type: 'string', minLength: 1, maxLength: 4000 } }, additionalProperties: false };
    expect(res.body.properties.description.anyOf).toEqual([{ type: 'string', maxLength: 4000 }, pair]);
  });
});

describe('drafts, versions, diff and audit', () => {
  test('publish makes immutable numbered versions with a hash; the diff is by node and edge', async () => {
    const key = uniqueKey('ver');
    const v1 = withKey(validBase(), key) as ReturnType<typeof validBase>;
    await app.as('admin-li').api('POST', '/api/processes', { key, name: v1.name, definition: v1 });
    const p1 = await app.as('admin-li').api('POST', `/api/processes/${key}/publish`, { comment: 'first' });
    expect(p1.status).toBe(201);
    expect(p1.body).toMatchObject({ version: 1, author: 'admin-li', comment: 'first', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });

    const v2 = structuredClone(v1);
    v2.nodes.push({ id: 'extra', type: 'assign', assign: { checked: 'true' } });
    v2.nodes = v2.nodes.filter((n) => n.id !== 'late');
    v2.edges = v2.edges.filter((e) => e.id !== 'e6').map((e) => (e.id === 'e5' ? { ...e, to: 'extra' } : e));
    v2.edges.push({ id: 'e7', from: 'extra', to: 'done' });
    (v2.nodes.find((n) => n.id === 'wait') as { timeout?: string }).timeout = undefined;
    expect((await app.api('PUT', `/api/processes/${key}/draft`, { definition: v2 })).status).toBe(200);
    const p2 = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'second' });
    expect(p2.body.version).toBe(2);
    expect(p2.body.hash).not.toBe(p1.body.hash);

    const one = await app.api('GET', `/api/processes/${key}/versions/1`);
    expect(one.body.definition).toEqual(v1);
    expect((await app.api('GET', `/api/processes/${key}/versions`)).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await app.api('POST', `/api/processes/${key}/publish`, { comment: 'nothing' })).status).toBe(409);

    const diff = await app.api('GET', `/api/processes/${key}/diff?from=1&to=2`);
    expect(diff.body.nodes).toEqual({ added: ['extra'], removed: ['late'], changed: [{ id: 'wait', fields: ['timeout'] }] });
    expect(diff.body.edges).toEqual({ added: ['e7'], removed: ['e6'], changed: [{ id: 'e5', fields: ['to'] }] });

    const audit = await app.platform.services.db.getRepository(AuditEntity).find({ where: { key }, order: { id: 'ASC' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['create', 'admin-li'],
      ['publish', 'admin-li'],
      ['save_draft', 'admin'],
      ['publish', 'admin'],
    ]);
  });

  test('two creates of one key at the same moment: one 201, one 409', async () => {
    const key = uniqueKey('race');
    const body = { key, name: { zh: 'a', en: 'a' }, definition: withKey(validBase(), key) };
    const results = await Promise.all([app.api('POST', '/api/processes', body), app.api('POST', '/api/processes', body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe('starting cases', () => {
  test('input is checked against the process variables schema, and nothing starts on a bad one', async () => {
    const key = uniqueKey('vars');
    const def = { ...(withKey(validBase(), key) as object), variables: { type: 'object', required: ['risk'], properties: { risk: { type: 'string', enum: ['high', 'low'] } } } };
    await publish(app, def as never);
    const bad = await app.api('POST', '/api/cases', { processKey: key, input: { risk: 'extreme' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems).toEqual([expect.objectContaining({ path: 'input/risk', code: 'schema_enum' })]);
    const list = await app.api('GET', `/api/cases?processKey=${key}`);
    expect(list.body.items).toEqual([]);
  });

  test('an unpublished process cannot start; a business key is never stored or shown in clear', async () => {
    const key = uniqueKey('bk');
    await app.api('POST', '/api/processes', { key, name: { zh: 'a', en: 'a' }, definition: withKey(validBase(), key) });
    expect((await app.api('POST', '/api/cases', { processKey: key, input: {} })).status).toBe(404);
    await app.api('POST', `/api/processes/${key}/publish`, { comment: '' });
    const idNumber = '320102198001011234';
    const id = await startCase(app, key, { risk: 'low' }, { businessKey: idNumber });
    expect(id).not.toContain(idNumber);
    const desc = await app.client.workflow.getHandle(id).describe();
    expect(JSON.stringify(desc.searchAttributes)).not.toContain(idNumber);
    const dup = await app.api('POST', '/api/cases', { processKey: key, businessKey: idNumber, input: {} });
    expect(dup.status).toBe(409);
    expect(JSON.stringify(dup.body)).not.toContain(idNumber);
  });
});

test('a task form or variables schema that does not compile is refused at publish, naming it', async () => {
  const key = uniqueKey('badschema');
  const def = {
    ...(withKey(validBase(), key) as ReturnType<typeof validBase>),
    variables: { type: 'object', properties: { risk: { type: 'no-such-type' } } },
  };
  await app.api('POST', '/api/processes', { key, name: def.name, definition: def });
  const res = await app.api('POST', `/api/processes/${key}/publish`, { comment: '' });
  expect(res.status).toBe(422);
  expect(res.body.error.problems).toContainEqual(expect.objectContaining({ path: 'variables', code: 'bad_schema' }));
});

test('a step whose required input is empty, or holds plain text as an expression, is refused at publish naming the step and the field', async () => {
  const key = uniqueKey('badinput');
  const def = { ...(withKey(validBase(), key) as ReturnType<typeof validBase>), variables: { type: 'object', properties: { risk: { type: 'string' } } } };
  const note = def.nodes.find((n) => n.id === 'note') as { input?: Record<string, string> };
  const attempt = async (input: Record<string, string> | undefined) => {
    note.input = input;
    expect((await app.api('PUT', `/api/processes/${key}/draft`, { definition: def })).status).toBeLessThan(300);
    return app.api('POST', `/api/processes/${key}/publish`, { comment: 'try' });
  };
  expect((await app.api('POST', '/api/processes', { key, name: def.name, definition: def })).status).toBe(201);

  const empty = await attempt(undefined);
  expect(empty.status).toBe(422);
  expect(empty.body.error.problems).toContainEqual(expect.objectContaining({ code: 'missing_input', nodeId: 'note', path: 'nodes/1/input/message', params: { field: 'message' } }));
  const text = await attempt({ message: '已到达，请居家隔离' });
  expect(text.status).toBe(422);
  expect(text.body.error.problems).toEqual([
    expect.objectContaining({ code: 'unknown_variable', nodeId: 'note', path: 'nodes/1/input/message', params: { field: 'message', name: '已到达，请居家隔离' } }),
  ]);
  const wrongType = await attempt({ message: "'arrived'", level: "'loud'" });
  expect(wrongType.body.error.problems).toEqual([expect.objectContaining({ code: 'input_type', nodeId: 'note', path: 'nodes/1/input/level' })]);
  expect((await app.api('GET', `/api/processes/${key}`)).body.versions).toEqual([]);

  // The same text as a literal, beside an expression over a declared variable: it publishes.
  expect((await attempt({ message: "'已到达，请居家隔离'", level: "risk = 'high' ? 'warn' : 'info'" })).status).toBe(201);
});

test('cases are listed by process and status, a page at a time', async () => {
  const key = uniqueKey('list');
  await publish(app, withKey(validBase(), key) as never);
  const ids = [await startCase(app, key, { risk: 'high' }), await startCase(app, key, { risk: 'high' }), await startCase(app, key, { risk: 'low' })];
  // Visibility is eventually consistent: wait until the low-risk case (straight to its end) shows as completed.
  const completed = await eventually(async () => {
    const page = await app.api('GET', `/api/cases?processKey=${key}&status=completed`);
    return page.body.items.length === 1 ? page.body.items : undefined;
  });
  expect(completed[0]).toMatchObject({ caseId: ids[2], status: 'completed' });
  // A page of one, then the next and last one (no cursor after it).
  const first = await eventually(async () => {
    const page = await app.api('GET', `/api/cases?processKey=${key}&status=running&limit=1`);
    return page.body.total === 2 && page.body.nextCursor ? page.body : undefined;
  });
  const second = await app.api('GET', `/api/cases?processKey=${key}&status=running&limit=1&cursor=${first.nextCursor}`);
  expect(second.body.nextCursor).toBeNull();
  const listed = [...first.items, ...second.body.items].map((i: { caseId: string }) => i.caseId);
  expect(listed.sort()).toEqual([ids[0], ids[1]].sort());
  expect((await app.api('GET', '/api/cases?status=sleeping')).status).toBe(400);
});

test('a case whose workflow the service no longer holds answers 410, not a 500', async () => {
  const id = `${uniqueKey('gone')}.${'0'.repeat(32)}`;
  await app.platform.services.db.query(`INSERT INTO cases (id, process_key, version, started_by, org_unit) VALUES ($1, 'gone', 1, 'test', 'huaian')`, [id]);
  const res = await app.api('GET', `/api/cases/${id}`);
  expect(res.status).toBe(410);
  expect(res.body.error.code).toBe('case_expired');
});
