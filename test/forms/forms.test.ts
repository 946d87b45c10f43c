/**
 * Designed task forms on the real platform (Temporal dev server, PostgreSQL): a form published on
 * the document lifecycle, a process whose task uses it (its mapping checked at publish), a
 * completion checked on the server against the form version the task opened with (the resident
 * ID checksum, conditional fields; errors name the field), the mapped fields in the case's
 * variables, and what a later form version does to open and new tasks.
 */
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase } from '../support/processes';
import type { FormDefinition } from '../../language/forms';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const FORM = uniqueKey('visit-form');
const ID = '11010519491231002X';

const form: FormDefinition = {
  key: FORM,
  name: { zh: '上门核查表', en: 'Home visit form' },
  fields: [
    { key: 'idNumber', label: { zh: '身份证号', en: 'ID number' }, type: 'residentId', required: true },
    { key: 'visited', label: { zh: '已上门', en: 'Visited' }, type: 'yesNo', required: true },
    {
      key: 'reason', label: { zh: '未上门原因', en: 'Why not visited' }, type: 'choice', required: true, showWhen: { field: 'visited', equals: false },
      options: [{ value: 'absent', label: { zh: '不在家', en: 'Not at home' } }, { value: 'refused', label: { zh: '拒绝', en: 'Refused' } }],
    },
    { key: 'phone', label: { zh: '联系电话', en: 'Phone' }, type: 'phone' },
  ],
};

/** The variable the ID number is mapped into, marked as personal data (publishing refuses it unmarked). */
const VARIABLES = { type: 'object', properties: { personId: { type: 'string', 'x-pii': 'id-number' } } };

/** start → `fill` (the designed form, its fields mapped into the case) → `hold` (keeps the case running to read it) → end. */
function visitProcess(key: string, formRef: Record<string, unknown>, variables: Record<string, unknown> | null = VARIABLES) {
  return chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'fill', type: 'task', title: { zh: '上门核查', en: 'Home visit' }, formRef: formRef as never },
      { id: 'hold', type: 'task', title: { zh: '复核', en: 'Review' } },
      { id: 'end', type: 'end' },
    ],
    [],
    variables ? { variables } : {},
  );
}
const MAPPING = { personId: 'idNumber', wasVisited: 'visited', notVisitedBecause: 'reason' };

async function publishForm(content: FormDefinition, comment: string) {
  const existing = await app.api('GET', `/api/forms/${content.key}`);
  const saved = existing.status === 404 ? await app.api('POST', '/api/forms', content) : await app.api('PUT', `/api/forms/${content.key}/draft`, content);
  expect([saved.status, saved.body.problems]).toEqual([existing.status === 404 ? 201 : 200, []]);
  const published = await app.api('POST', `/api/forms/${content.key}/publish`, { comment });
  expect(published.status).toBe(201);
  return published.body.version as number;
}

async function openTask(caseId: string, nodeId: string) {
  return eventually(async () => {
    const [task] = (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body as { id: string; nodeId: string; revision: number }[];
    return task?.nodeId === nodeId ? task : undefined;
  }, 30_000, `task ${nodeId} of ${caseId}`);
}

const complete = (taskId: string, data: Record<string, unknown>) => app.api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data });
const problemsOf = (res: { body: { error?: { problems?: { path: string; code: string }[] } } }) => (res.body.error?.problems ?? []).map((p) => `${p.path} ${p.code}`).sort();

beforeAll(async () => {
  expect(await publishForm(form, 'first version')).toBe(1);
});

test('a form is a versioned document: versions with their comment, a diff, the audit trail', async () => {
  const doc = await app.api('GET', `/api/forms/${FORM}`);
  expect(doc.body).toMatchObject({ key: FORM, latestVersion: 1, published: { version: 1, definition: form } });
  expect(doc.body.versions).toEqual([expect.objectContaining({ version: 1, comment: 'first version' })]);
  const draft = await app.api('PUT', `/api/forms/${FORM}/draft`, { ...form, fields: [...form.fields, { key: 'note', label: { zh: '备注', en: 'Note' }, type: 'longText' }] }, { 'if-match': `"${doc.body.draftRevision}"` });
  expect(draft.status).toBe(200);
  const diff = await app.api('GET', `/api/forms/${FORM}/diff?from=1&to=draft`);
  expect(diff.body).toEqual({ fields: { added: ['note'], removed: [], changed: [] }, reordered: false, properties: [] });
  const audit = await app.api('GET', `/api/audit?kind=form&key=${FORM}`);
  expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['create', 'publish', 'save_draft']));
  // A draft with a problem is saved and its problem answered; publishing it is refused, naming the path.
  const broken = await app.api('PUT', `/api/forms/${FORM}/draft`, { ...form, fields: [...form.fields, { key: 'later', label: { zh: '后', en: 'Later' }, type: 'text', showWhen: { field: 'nowhere', equals: 'x' } }] });
  expect([broken.status, problemsOf({ body: { error: { problems: broken.body.problems } } })]).toEqual([200, ['fields/4/showWhen/field unknown_field']]);
  const refused = await app.api('POST', `/api/forms/${FORM}/publish`, { comment: 'broken' });
  expect([refused.status, refused.body.error.code, problemsOf(refused)]).toEqual([422, 'invalid_form', ['fields/4/showWhen/field unknown_field']]);
  // Back to the published content, so the tests below see version 1 as the latest.
  expect((await app.api('PUT', `/api/forms/${FORM}/draft`, form)).status).toBe(200);
});

test('publishing a process checks its task forms: an unknown form, version or mapped field is a problem naming the path', async () => {
  const key = uniqueKey('form-refs');
  const def = visitProcess(key, { key: FORM, mapping: { ...MAPPING, temperature: 'bodyTemp' } });
  const created = await app.api('POST', '/api/processes', { key, name: def.name, definition: def });
  expect(created.status).toBe(201);
  expect(problemsOf({ body: { error: { problems: created.body.problems } } })).toEqual(['nodes/1/formRef/mapping/temperature unknown_form_field']);
  const refused = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'x' });
  expect([refused.status, problemsOf(refused)]).toEqual([422, ['nodes/1/formRef/mapping/temperature unknown_form_field']]);
  for (const [ref, problem] of [
    [{ key: uniqueKey('no-such-form') }, 'nodes/1/formRef/key unknown_form'],
    [{ key: FORM, version: 99 }, 'nodes/1/formRef/version unknown_form'],
  ] as const) {
    expect((await app.api('PUT', `/api/processes/${key}/draft`, { definition: visitProcess(key, ref) })).status).toBe(200);
    const res = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'x' });
    expect([res.status, problemsOf(res)]).toEqual([422, [problem]]);
  }
  // The ID number may reach the case only as a variable marked personal data; so too the whole data as the task's output.
  const unmarked = visitProcess(key, { key: FORM, mapping: MAPPING }, null);
  unmarked.nodes[1] = { ...unmarked.nodes[1], output: 'visit' } as never;
  expect((await app.api('PUT', `/api/processes/${key}/draft`, { definition: unmarked })).status).toBe(200);
  expect(problemsOf(await app.api('POST', `/api/processes/${key}/publish`, { comment: 'x' }))).toEqual([
    'nodes/1/formRef/mapping/personId unmarked_pii',
    'nodes/1/output unmarked_pii',
    'nodes/1/output unmarked_pii',
  ]);
  // A task has an inline form or a designed one, not both.
  const both = visitProcess(key, { key: FORM });
  both.nodes[1] = { ...both.nodes[1], form: { type: 'object' } } as never;
  expect((await app.api('PUT', `/api/processes/${key}/draft`, { definition: both })).status).toBe(200);
  expect(problemsOf(await app.api('POST', `/api/processes/${key}/publish`, { comment: 'x' }))).toEqual(['nodes/1/formRef form_conflict']);
});

test('a completion is checked against the form, naming the field; good data lands in the mapped case variables', async () => {
  const key = uniqueKey('form-visit');
  await publish(app, visitProcess(key, { key: FORM, mapping: MAPPING }));
  const caseId = await startCase(app, key);
  const task = await openTask(caseId, 'fill');
  const shown = await app.api('GET', `/api/tasks/${encodeURIComponent(task.id)}`);
  expect(shown.body).toMatchObject({ formRef: { key: FORM, version: 1 }, formDefinition: form });

  // A mistyped check digit, a conditional field shown (not visited) but left empty, an unknown field.
  const bad = await complete(task.id, { idNumber: '110105194912310021', visited: false, extra: 1 });
  expect([bad.status, bad.body.error.code]).toEqual([422, 'invalid_task_data']);
  expect(problemsOf(bad)).toEqual(['data/extra schema_additionalProperties', 'data/idNumber invalid_resident_id', 'data/reason schema_required']);
  expect(bad.body.error.problems.find((p: { path: string }) => p.path === 'data/idNumber').message).toMatch(/check digit/);
  // A hidden field must stay empty: 'reason' shows only when not visited.
  expect(problemsOf(await complete(task.id, { idNumber: ID, visited: true, reason: 'absent' }))).toEqual(['data/reason schema_hidden_field']);
  expect(problemsOf(await complete(task.id, { idNumber: ID, visited: true, phone: '12345' }))).toEqual(['data/phone schema_pattern']);

  const good = await complete(task.id, { idNumber: ID, visited: false, reason: 'refused', phone: '13800138000' });
  expect([good.status, good.body.status]).toEqual([200, 'completed']);
  await openTask(caseId, 'hold');
  const variables = (await app.api('GET', `/api/cases/${caseId}`)).body.variables;
  // Only the mapped fields reach the case: the phone number is not mapped.
  expect(variables).toMatchObject({ personId: ID, wasVisited: false, notVisitedBecause: 'refused' });
  expect(variables).not.toHaveProperty('phone');
});

test('an open task keeps the form version it opened with; a pinned version stays; a version without a mapped field is refused when a task opens', async () => {
  const key = uniqueKey('form-versions');
  const pinned = uniqueKey('form-pinned');
  await publish(app, visitProcess(key, { key: FORM, mapping: MAPPING }));
  await publish(app, visitProcess(pinned, { key: FORM, version: 1, mapping: MAPPING }));
  const before = await openTask(await startCase(app, key), 'fill');

  // Version 2 asks for a phone number.
  const v2 = await publishForm({ ...form, fields: form.fields.map((f) => (f.key === 'phone' ? { ...f, required: true } : f)) }, 'phone required');
  const after = await openTask(await startCase(app, key), 'fill');
  const pinnedTask = await openTask(await startCase(app, pinned), 'fill');
  expect((await app.api('GET', `/api/tasks/${encodeURIComponent(after.id)}`)).body.formRef).toEqual({ key: FORM, version: v2 });
  expect((await app.api('GET', `/api/tasks/${encodeURIComponent(pinnedTask.id)}`)).body.formRef).toEqual({ key: FORM, version: 1 });
  const noPhone = { idNumber: ID, visited: true };
  expect((await complete(before.id, noPhone)).status).toBe(200);
  expect((await complete(pinnedTask.id, noPhone)).status).toBe(200);
  expect(problemsOf(await complete(after.id, noPhone))).toEqual(['data/phone schema_required']);

  // Version 3 drops the field 'reason' the mapping reads: a task opening with it would write nothing into the case.
  await publishForm({ ...form, fields: form.fields.filter((f) => f.key !== 'reason') }, 'no reason');
  const failing = await startCase(app, key);
  const failed = await eventually(async () => {
    const res = await app.api('GET', `/api/cases/${failing}`);
    return res.body.status === 'failed' ? res.body : undefined;
  }, 30_000, 'the case to fail at its task');
  expect(failed.error).toMatchObject({ nodeId: 'fill' });
  expect(failed.error.message).toMatch(/has no field 'reason'/);
});

test('bad form definitions are refused 4xx naming the field, never a 500', async () => {
  const noFields = await app.api('POST', '/api/forms', { key: uniqueKey('f'), name: { zh: '空', en: 'Empty' }, fields: [] });
  expect([noFields.status, problemsOf(noFields)]).toEqual([422, ['fields invalid_schema']]);
  const badType = await app.api('POST', '/api/forms', { key: uniqueKey('f'), name: { zh: '坏', en: 'Bad' }, fields: [{ key: 'a', label: { zh: '甲', en: 'A' }, type: 'colour' }] });
  expect([badType.status, badType.body.problems.map((p: { path: string }) => p.path)]).toEqual([201, ['fields/0/type']]);
  // Not an object at all: refused at the input gate, naming the body.
  const notAForm = await app.api('POST', '/api/forms', 'not a form');
  expect(notAForm.status).toBe(400);
  const noKey = await app.api('POST', '/api/forms', { name: { zh: '无', en: 'None' }, fields: [{ key: 'a', label: { zh: '甲', en: 'A' }, type: 'text' }] });
  expect([noKey.status, problemsOf(noKey)]).toEqual([422, ['key invalid_schema']]);
});
