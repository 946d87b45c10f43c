/**
 * Races and half-done work answer the truth: one winner and 409s for the rest, a
 * stuck case reported as stuck (not a 500) and ended by terminate, half-done starts
 * and completions settled by the reconciler.
 */
import { randomUUID } from 'node:crypto';
import { AuditEntity } from '../../engine/audit/audit.entity';
import { caseIdFor } from '../../engine/cases/business-key';
import { TaskEntity } from '../../engine/tasks/task.entity';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';

const app = useTestApp({ seed: false });

function taskProcess(key: string) {
  return chain(key, [
    { id: 'start', type: 'start' },
    { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' }, form: { type: 'object', properties: { ok: { type: 'boolean' } } }, output: 'check' },
    { id: 'end', type: 'end', outcome: 'checked' },
  ]);
}

test('ten concurrent starts with one business key: one 201 and nine 409s, one case', async () => {
  const key = uniqueKey('dup');
  await publish(app, taskProcess(key));
  const businessKey = `320803${Date.now()}`;
  const answers = await Promise.all(Array.from({ length: 10 }, () => app.api('POST', '/api/cases', { processKey: key, businessKey, input: {} })));
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([201, ...Array(9).fill(409)]);
  for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('duplicate_business_key');
  const { id } = caseIdFor(app.platform.services.config.hashSecret!, key, businessKey);
  expect((await app.api('GET', `/api/cases/${id}`)).status).toBe(200);
  const rows = await app.platform.services.db.query(`SELECT state FROM cases WHERE process_key = $1`, [key]);
  expect(rows).toEqual([{ state: 'started' }]);
});

test('two concurrent completions of one task: one 200 and one 409, five rounds', async () => {
  const key = uniqueKey('race');
  await publish(app, taskProcess(key));
  for (let round = 0; round < 5; round++) {
    const id = await startCase(app, key);
    const task = await eventually(async () => (await app.platform.services.db.getRepository(TaskEntity).findOneBy({ caseId: id })) ?? undefined);
    const url = `/api/tasks/${encodeURIComponent(task.id)}/complete`;
    const [a, b] = await Promise.all([
      app.as('worker-a').api('POST', url, { data: { ok: true } }),
      app.as('worker-b').api('POST', url, { data: { ok: false } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(['task_not_open', 'task_busy']).toContain(loser.body.error.code);
    const done = await waitFor(app, id, 'completed');
    // The case took the winner's data, and the row says the same.
    expect(done.variables.check).toEqual({ ok: winner === a });
    expect(winner.body).toMatchObject({ status: 'completed', completedBy: winner === a ? 'worker-a' : 'worker-b', data: { ok: winner === a } });
  }
});

test('a completion claimed but never delivered (a crash) is delivered by the reconciler, once', async () => {
  const key = uniqueKey('stall');
  await publish(app, taskProcess(key));
  const id = await startCase(app, key);
  const repo = app.platform.services.db.getRepository(TaskEntity);
  const task = await eventually(async () => (await repo.findOneBy({ caseId: id })) ?? undefined);
  // What a process killed right after claiming leaves behind.
  await repo.update({ id: task.id }, { status: 'completing', data: { ok: true }, completedBy: 'crashed', completedAt: new Date(Date.now() - 120_000) });
  const again = await app.as('other').api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { ok: false } });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('task_busy');
  await app.platform.reconcile!();
  const done = await waitFor(app, id, 'completed');
  expect(done.variables.check).toEqual({ ok: true });
  expect(await repo.findOneByOrFail({ id: task.id })).toMatchObject({ status: 'completed', completedBy: 'crashed' });
  await app.platform.reconcile!();
  expect((await repo.findOneByOrFail({ id: task.id })).status).toBe('completed');
});

test('a start row whose workflow never started is removed after the grace period; one whose workflow exists is marked started', async () => {
  const key = uniqueKey('half');
  await publish(app, taskProcess(key));
  const db = app.platform.services.db;
  const orphan = caseIdFor(app.platform.services.config.hashSecret!, key, `orphan-${randomUUID()}`);
  await db.query(`INSERT INTO cases (id, process_key, version, business_key, started_by, started_at, state, org_unit) VALUES ($1, $2, 1, $3, 'test', now() - interval '1 hour', 'starting', 'huaian')`, [orphan.id, key, orphan.hashedKey]);
  // While the row is 'starting', a read resolves it: no workflow and past the grace period → gone.
  expect((await app.api('GET', `/api/cases/${orphan.id}`)).status).toBe(404);
  expect(await db.query(`SELECT id FROM cases WHERE id = $1`, [orphan.id])).toEqual([]);

  const real = await startCase(app, key);
  await db.query(`UPDATE cases SET state = 'starting', started_at = now() - interval '1 hour' WHERE id = $1`, [real]);
  const settled = await app.platform.reconcile!();
  expect(settled.starts).toBeGreaterThanOrEqual(1);
  expect(await db.query(`SELECT state FROM cases WHERE id = $1`, [real])).toEqual([{ state: 'started' }]);
});

test('a stuck case answers 200 with status stuck and the reason; cancel says to terminate; terminate ends it and is audited', async () => {
  const id = `stuck-${randomUUID().slice(0, 8)}.${randomUUID().replace(/-/g, '')}`;
  await app.platform.services.db.query(`INSERT INTO cases (id, process_key, version, started_by, state, org_unit) VALUES ($1, 'stuck', 1, 'test', 'started', 'huaian')`, [id]);
  // Input the interpreter cannot read: its workflow task fails on every attempt, as after a bug.
  await app.client.workflow.start(PROCESS_WORKFLOW_TYPE, { taskQueue: app.taskQueue, workflowId: id, args: [{ definition: null }] });
  const stuck = await eventually(
    async () => {
      const res = await app.api('GET', `/api/cases/${id}`);
      expect(res.status).toBe(200);
      return res.body.status === 'stuck' ? res.body : undefined;
    },
    45_000,
    'the case to be reported stuck',
  );
  expect(stuck.stuck.attempts).toBeGreaterThanOrEqual(2);
  expect(stuck.stuck.reason).toMatch(/null|undefined|Cannot read/);

  const cancel = await app.api('POST', `/api/cases/${id}/cancel`, {});
  expect(cancel.status).toBe(409);
  expect(cancel.body.error.code).toBe('case_stuck');
  expect(cancel.body.error.message).toContain('terminate');

  expect((await app.api('POST', `/api/cases/${id}/terminate`, { reason: '' })).status).toBe(422);
  const ended = await app.as('duty-officer').api('POST', `/api/cases/${id}/terminate`, { reason: 'workflow task failing' });
  expect(ended.status).toBe(202);
  // Its code still cannot replay, so its live state cannot be read: the page is told why, not shown an empty case.
  expect((await app.api('GET', `/api/cases/${id}`)).body).toMatchObject({ status: 'terminated', stateUnavailable: 'unreadable', variables: {} });
  const audit = await app.platform.services.db.getRepository(AuditEntity).findOneByOrFail({ action: 'terminate', key: id });
  expect(audit).toMatchObject({ actor: 'duty-officer', kind: 'case', detail: { reason: 'workflow task failing' } });
  expect((await app.api('POST', `/api/cases/${id}/terminate`, { reason: 'again' })).status).toBe(409);
});
