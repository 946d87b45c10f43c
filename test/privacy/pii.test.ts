/**
 * Personal data by role: fields a process marks `x-pii` come back masked to everyone without
 * `pii.read` (operator, supervisor, auditor) in the case view, its decisions and its tasks (data
 * and form defaults); an administrator sees them in clear, and each such read leaves a `pii_read`
 * row in the audit trail naming who and which case. On the real API, Temporal and PostgreSQL.
 */
import { FIRST_ADMIN } from '../../engine/auth/first-admin';
import type { RoleName } from '../../engine/auth/permissions';
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, waitFor } from '../support/processes';
import { publishRuleSet } from '../support/rules';

const app = useTestApp({ seed: false });

const ID = '320803199001011234';
const PHONE = '13812345678';
const suffix = uniqueKey('p').slice(2);
const key = uniqueKey('pii');
const plainKey = uniqueKey('no-pii');
const rules = uniqueKey('pii-rules');

const person = {
  type: 'object',
  properties: { idNumber: { type: 'string', 'x-pii': 'id-number' }, name: { type: 'string', 'x-pii': 'name' }, phone: { type: 'string', 'x-pii': 'phone' } },
};

function piiProcess() {
  const def = chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'decide', type: 'decision', ruleset: rules, facts: { who: 'person.idNumber', age: 'age' } },
      {
        id: 'visit', type: 'task', title: { zh: '走访', en: 'Visit' }, output: 'visit',
        form: { type: 'object', properties: { contactPhone: { type: 'string', 'x-pii': 'phone', default: '13900001111' }, ok: { type: 'boolean' } } },
      },
      { id: 'end', type: 'end' },
    ],
    [],
    { variables: { type: 'object', properties: { person, home: { type: 'string', 'x-pii': 'address' }, age: { type: 'integer' } } } },
  );
  def.edges[1] = { ...def.edges[1], default: true };
  return def;
}

const ruleSet: RulesRuleSet = {
  key: rules,
  name: { zh: rules, en: rules },
  kind: 'rules',
  facts: { age: { type: 'number' }, who: { type: 'string' } },
  rules: [{ name: 'adult', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 18 }, { fact: 'who', operator: 'notEqual', value: '' }] }, event: { type: 'adult' } }],
};

const as = (role: RoleName) => app.as(`${role}-${suffix}`, { roles: [role], orgUnits: role === 'auditor' ? [] : ['qingjiangpu'] });

let caseId: string;
let taskId: string;

async function clearReads(id: string): Promise<{ actor: string; kind: string; key: string; at: Date }[]> {
  return app.platform.services.db.query(`SELECT actor, kind, key, at FROM audit_log WHERE action = 'pii_read' AND key = $1 ORDER BY id`, [id]);
}

beforeAll(async () => {
  await publishRuleSet(app, ruleSet);
  await publish(app, piiProcess());
  const res = await app.api('POST', '/api/cases', {
    processKey: key, orgUnit: 'qingjiangpu',
    input: { person: { idNumber: ID, name: '张三', phone: PHONE }, home: '江苏省淮安市清江浦区淮海南路12号', age: 40 },
  });
  expect(res.status).toBe(201);
  caseId = res.body.caseId;
  await waitFor(app, caseId, 'running', 'visit');
  taskId = await eventually(async () => (await app.api('GET', `/api/tasks?caseId=${caseId}`)).body[0]?.id as string | undefined);
});

describe.each(['operator', 'supervisor', 'auditor'] as const)('%s (no pii.read)', (role) => {
  test('sees the case, its decisions and its task masked, and no clear read is recorded', async () => {
    const { api } = as(role);
    const before = (await clearReads(caseId)).length;
    const view = await api('GET', `/api/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body.variables).toMatchObject({ person: { idNumber: '320803********1234', name: '张*', phone: '138****5678' }, home: '江苏省淮安市…', age: 40 });
    const decisions = await api('GET', `/api/cases/${caseId}/decisions`);
    expect(decisions.body[0].facts).toEqual({ who: '320803********1234', age: 40 });
    expect(decisions.body[0].trace[0].conditions[1]).toMatchObject({ fact: 'who', factValue: '320803********1234' });
    const task = await api('GET', `/api/tasks/${encodeURIComponent(taskId)}`);
    expect(task.body.form.properties.contactPhone.default).toBe('139****1111');
    const tasks = await api('GET', `/api/tasks?caseId=${caseId}`);
    expect(tasks.body[0].form.properties.contactPhone.default).toBe('139****1111');
    for (const answer of [view, decisions, task, tasks]) {
      expect(JSON.stringify(answer.body)).not.toContain(ID);
      expect(JSON.stringify(answer.body)).not.toContain(PHONE);
      expect(JSON.stringify(answer.body)).not.toContain('张三');
    }
    expect((await clearReads(caseId)).length).toBe(before);
  });
});

test('an administrator sees personal data in clear, and each read is audited: who, which case, when', async () => {
  const before = (await clearReads(caseId)).length;
  const view = await app.api('GET', `/api/cases/${caseId}`);
  expect(view.body.variables.person).toEqual({ idNumber: ID, name: '张三', phone: PHONE });
  expect((await clearReads(caseId)).length).toBe(before + 1);
  const decisions = await app.api('GET', `/api/cases/${caseId}/decisions`);
  expect(decisions.body[0].facts.who).toBe(ID);
  expect((await clearReads(caseId)).length).toBe(before + 2);
  const task = await app.api('GET', `/api/tasks/${encodeURIComponent(taskId)}`);
  expect(task.body.form.properties.contactPhone.default).toBe('13900001111');
  const rows = await clearReads(caseId);
  expect(rows).toHaveLength(before + 3);
  for (const row of rows.slice(before)) {
    expect(row).toMatchObject({ actor: FIRST_ADMIN, kind: 'case', key: caseId });
    expect(Date.now() - new Date(row.at).getTime()).toBeLessThan(60_000);
  }
});

test("a completion's answer and the variable it writes are masked for an operator; the data reached the case in clear", async () => {
  const { api } = as('operator');
  const done = await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: { contactPhone: '13700002222', ok: true } });
  expect(done.status).toBe(200);
  expect(done.body.data).toEqual({ contactPhone: '137****2222', ok: true });
  const after = await waitFor(app, caseId, 'completed');
  expect(after.variables.visit).toEqual({ contactPhone: '13700002222', ok: true });
  expect((await api('GET', `/api/cases/${caseId}`)).body.variables.visit).toEqual({ contactPhone: '137****2222', ok: true });
});

test('reading a case that holds nothing classified is not audited', async () => {
  await publish(app, chain(plainKey, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go' }, { id: 'end', type: 'end' }]));
  const res = await app.api('POST', '/api/cases', { processKey: plainKey, input: { person: { idNumber: ID } } });
  const id = res.body.caseId;
  await waitFor(app, id, 'running', 'wait');
  expect((await app.api('GET', `/api/cases/${id}`)).body.variables.person.idNumber).toBe(ID);
  expect(await clearReads(id)).toEqual([]);
  await app.api('POST', `/api/cases/${id}/cancel`);
});

test('publishing a process whose x-pii names no class is refused, naming the place', async () => {
  const def = chain(uniqueKey('typo'), [{ id: 'start', type: 'start' }, { id: 'end', type: 'end' }], [], {
    variables: { type: 'object', properties: { idNumber: { type: 'string', 'x-pii': 'id' } } },
  });
  await app.api('POST', '/api/processes', { key: def.key, name: def.name, definition: def });
  const res = await app.api('POST', `/api/processes/${def.key}/publish`, { comment: 'typo' });
  expect(res.status).toBe(422);
  expect(res.body.error.problems).toContainEqual(expect.objectContaining({ path: 'variables/properties/idNumber/x-pii', code: 'unknown_pii_class' }));
});
