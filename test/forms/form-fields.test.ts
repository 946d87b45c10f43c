/**
 * The form fields beyond the first kinds, on the real platform (Temporal dev server, PostgreSQL):
 * defaults read from the case's variables when an open task is shown (only values the field
 * accepts; a personal variable only into a personal field, for a reader who sees it in clear,
 * audited), and file references and tables of rows checked on completion, naming the row and
 * column, with a table mapped into the case as an array of objects.
 */
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase } from '../support/processes';
import type { FormDefinition } from '../../language/forms';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const FORM = uniqueKey('tracing-form');

const form: FormDefinition = {
  key: FORM,
  name: { zh: '密接登记', en: 'Contact tracing' },
  fields: [
    { key: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', defaultFrom: 'person.name' },
    { key: 'phone', label: { zh: '电话', en: 'Phone' }, type: 'phone', defaultFrom: 'person.phone' },
    // A personal variable offered into a field that is not personal would show it in clear: never offered.
    { key: 'note', label: { zh: '备注', en: 'Note' }, type: 'text', defaultFrom: 'person.idNumber' },
    // The case holds a text where the field wants a whole number: not offered.
    { key: 'household', label: { zh: '同住人数', en: 'Household' }, type: 'integer', defaultFrom: 'householdText' },
    { key: 'missing', label: { zh: '无', en: 'Missing' }, type: 'text', defaultFrom: 'nowhere.at.all' },
    { key: 'photo', label: { zh: '现场照片', en: 'Photo' }, type: 'file', defaultFrom: 'lastPhoto' },
    {
      key: 'contacts', label: { zh: '密接人员', en: 'Contacts' }, type: 'table', required: true, maxRows: 3, defaultFrom: 'knownContacts',
      columns: [
        { key: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: true },
        { key: 'relation', label: { zh: '关系', en: 'Relation' }, type: 'choice', options: [{ value: 'family', label: { zh: '家人', en: 'Family' } }, { value: 'colleague', label: { zh: '同事', en: 'Colleague' } }] },
        { key: 'lastMet', label: { zh: '最后接触', en: 'Last met' }, type: 'date' },
        { key: 'tested', label: { zh: '已检测', en: 'Tested' }, type: 'yesNo' },
      ],
    },
  ],
};

const VARIABLES = {
  type: 'object',
  properties: {
    person: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string', 'x-pii': 'phone' }, idNumber: { type: 'string', 'x-pii': 'id-number' } } },
    contactPhone: { type: 'string', 'x-pii': 'phone' },
  },
};
const INPUT = {
  person: { name: '王芳', phone: '13912345678', idNumber: '11010519491231002X' },
  householdText: 'three',
  lastPhoto: 'oss://epi-visits/2026/03/door.jpg',
  knownContacts: [{ name: '王强', relation: 'family' }],
};

function tracingProcess(key: string) {
  return chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'fill', type: 'task', title: { zh: '密接登记', en: 'Trace contacts' }, formRef: { key: FORM, mapping: { contacts: 'contacts', photo: 'photo', contactPhone: 'phone' } } },
      { id: 'hold', type: 'task', title: { zh: '复核', en: 'Review' } },
      { id: 'end', type: 'end' },
    ],
    [],
    { variables: VARIABLES },
  );
}

async function openTask(caseId: string, nodeId: string) {
  return eventually(async () => {
    const [task] = (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body as { id: string; nodeId: string }[];
    return task?.nodeId === nodeId ? task : undefined;
  }, 30_000, `task ${nodeId} of ${caseId}`);
}

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
const problemsOf = (res: { body: { error?: { problems?: { path: string; code: string }[] } } }) => (res.body.error?.problems ?? []).map((p) => `${p.path} ${p.code}`).sort();
let processKey: string;

beforeAll(async () => {
  const created = await app.api('POST', '/api/forms', form);
  expect([created.status, created.body.problems]).toEqual([201, []]);
  expect((await app.api('POST', `/api/forms/${FORM}/publish`, { comment: 'first' })).status).toBe(201);
  processKey = uniqueKey('tracing');
  await publish(app, tracingProcess(processKey));
});

test('an open task is shown with the defaults its case holds now, as the reader may see them', async () => {
  const caseId = await startCase(app, processKey, INPUT, { orgUnit: 'qingjiangpu' });
  const task = await openTask(caseId, 'fill');

  // An administrator sees personal data in clear: the phone number fills the phone field, and the read is audited.
  const admin = await app.api('GET', taskPath(task.id));
  expect(admin.body.formDefaults).toEqual({ name: '王芳', phone: '13912345678', photo: INPUT.lastPhoto, contacts: INPUT.knownContacts });
  const audit = await app.api('GET', `/api/audit?kind=case&key=${caseId}`);
  expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'pii_read', detail: expect.objectContaining({ read: 'form defaults' }) }));

  // An operator may not see it: the phone is left for them to ask; the rest is offered.
  const operator = await app.as(uniqueKey('op'), { roles: ['operator'], orgUnits: ['qingjiangpu'] }).api('GET', taskPath(task.id));
  expect(operator.status).toBe(200);
  expect(operator.body.formDefaults).toEqual({ name: '王芳', photo: INPUT.lastPhoto, contacts: INPUT.knownContacts });

  // Completed, a task shows its data, not defaults.
  const done = await app.api('POST', `${taskPath(task.id)}/complete`, { data: { phone: '13912345678', contacts: [{ name: '王强' }] } });
  expect(done.status).toBe(200);
  expect((await app.api('GET', taskPath(task.id))).body.formDefaults).toEqual({});
});

test('a file reference and a table of rows are checked on completion, naming row and column; the table reaches the case as rows', async () => {
  const caseId = await startCase(app, processKey, {});
  const task = await openTask(caseId, 'fill');
  // Without the variables, nothing is offered.
  expect((await app.api('GET', taskPath(task.id))).body.formDefaults).toEqual({});
  const complete = (data: Record<string, unknown>) => app.api('POST', `${taskPath(task.id)}/complete`, { data });

  const bad = await complete({
    photo: 'D:\\photos\\door.jpg',
    contacts: [{ name: '李雷', relation: 'neighbour' }, { relation: 'family', lastMet: '2026-02-30', tested: 'yes', age: 3 }],
  });
  expect([bad.status, bad.body.error.code]).toEqual([422, 'invalid_task_data']);
  expect(problemsOf(bad)).toEqual([
    'data/contacts/0/relation schema_enum',
    'data/contacts/1/age schema_additionalProperties',
    'data/contacts/1/lastMet schema_format',
    'data/contacts/1/name schema_required',
    'data/contacts/1/tested schema_type',
    'data/photo invalid_file_reference',
  ]);
  expect(problemsOf(await complete({ contacts: [] }))).toEqual(['data/contacts schema_minItems']);
  expect(problemsOf(await complete({ contacts: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] }))).toEqual(['data/contacts schema_maxItems']);
  expect(problemsOf(await complete({ contacts: 'Li Lei' }))).toEqual(['data/contacts schema_type']);

  const rows = [{ name: '李雷', relation: 'colleague', lastMet: '2026-03-01', tested: true }, { name: '韩梅梅' }];
  const good = await complete({ photo: 'https://files.example.cn/visits/door.jpg', contacts: rows });
  expect([good.status, good.body.status]).toEqual([200, 'completed']);
  await openTask(caseId, 'hold');
  const variables = (await app.api('GET', `/api/cases/${caseId}`)).body.variables;
  expect(variables).toMatchObject({ contacts: rows, photo: 'https://files.example.cn/visits/door.jpg', contactPhone: null });
});
