/**
 * What is done to cases and tasks lands in the audit trail, under the person who did it and
 * from where: a start, an event, a task completion, a migration, a cancel. Never the data
 * itself (a case's input and a task's data may be personal): names, versions and ids only.
 */
import { verifyAuditChain } from '../../engine/audit/verify';
import { TaskEntity } from '../../engine/tasks/task.entity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { publish, taskProcess, waitFor } from '../support/processes';

const app = useTestApp({ seed: false });
const operator = () => app.as('op-audit-cases', { roles: ['operator'], orgUnits: ['qingjiangpu'] });

type Row = { actor: string; action: string; kind: string; key: string; detail: Record<string, unknown>; ip: string | null };
const trail = async (kind: string, key: string): Promise<Row[]> => (await app.api('GET', `/api/audit?kind=${kind}&key=${encodeURIComponent(key)}`)).body.items.reverse();

test('a start, an event, a task completion, a migration and a cancel are each audited once, with who and from where', async () => {
  const key = uniqueKey('audited-case');
  await publish(app, taskProcess(key));
  const started = await operator().api('POST', '/api/cases', { processKey: key, businessKey: '320803199001011234', input: { note: '张三' } });
  expect(started.status).toBe(201);
  const caseId: string = started.body.caseId;
  await waitFor(app, caseId, 'running', 'check');
  expect((await operator().api('POST', `/api/cases/${caseId}/events/ping`, { payload: { idNumber: '320803199001011234' } })).status).toBe(202);

  const task = await eventually(async () => (await app.platform.services.db.getRepository(TaskEntity).findOneBy({ caseId })) ?? undefined);
  expect((await operator().api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { note: 'checked 张三' } })).status).toBe(200);
  await waitFor(app, caseId, 'completed');

  const second = (await operator().api('POST', '/api/cases', { processKey: key, input: {} })).body.caseId as string;
  await waitFor(app, second, 'running', 'check');
  await publish(app, taskProcess(key, 'Check again'), 'v2');
  expect((await app.api('POST', `/api/cases/${second}/migrate`, { toVersion: 2 })).status).toBe(200);
  expect((await operator().api('POST', `/api/cases/${second}/cancel`)).status).toBe(202);

  const first = await trail('case', caseId);
  expect(first.map((r) => [r.action, r.actor, r.ip])).toEqual([
    ['start', 'op-audit-cases', '127.0.0.1'],
    ['event', 'op-audit-cases', '127.0.0.1'],
  ]);
  expect(first[0].detail).toEqual({ processKey: key, version: 1, orgUnit: 'qingjiangpu' });
  expect(first[1].detail).toEqual({ name: 'ping' });
  expect(await trail('task', task.id)).toMatchObject([{ action: 'complete', actor: 'op-audit-cases', ip: '127.0.0.1', detail: { caseId } }]);
  expect((await trail('case', second)).map((r) => [r.action, r.actor, r.detail])).toEqual([
    ['start', 'op-audit-cases', { processKey: key, version: 1, orgUnit: 'qingjiangpu' }],
    ['migrate', 'admin', { fromVersion: 1, toVersion: 2, nodeMapping: null }],
    ['cancel', 'op-audit-cases', {}],
  ]);
  // Personal data never reaches the trail: not the business key, the input, the event payload or the task data.
  const all = JSON.stringify([...first, ...(await trail('task', task.id))]);
  expect(all).not.toContain('320803199001011234');
  expect(all).not.toContain('张三');
  expect(await verifyAuditChain((sql, p) => app.platform.services.db.query(sql, p))).toMatchObject({ ok: true });
});
