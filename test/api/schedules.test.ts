/**
 * Scheduled starts on the real Temporal server: a routine round every Monday 08:00 Shanghai time
 * shows its next five runs, a run started now becomes a case of the schedule's org unit started by
 * the schedule, an interval runs by itself, and a retried run finds its case instead of starting a
 * second. Scoped by org unit, checked field by field, audited.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { AuditEntity } from '../../engine/audit/audit.entity';
import { scheduleActivities } from '../../engine/schedules/scheduled-start.activity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish } from '../support/processes';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const INSIDE = 'qingjiangpu';
const processKey = uniqueKey('sched');
const supervisor = () => app.as(uniqueKey('sched-sup').slice(0, 20), { roles: ['supervisor'], orgUnits: [INSIDE] });
const sup = { caller: undefined as ReturnType<typeof supervisor> | undefined };
const me = () => (sup.caller ??= supervisor());

const routine = { name: { zh: '每周例行检测', en: 'Weekly routine testing' }, processKey, input: { round: 'weekly' }, spec: { calendar: [{ days: ['MONDAY'], hour: 8, minute: 0 }] } };

beforeAll(async () => {
  await publish(
    app,
    chain(processKey, [{ id: 'start', type: 'start' }, { id: 'check', type: 'task', title: { zh: '检测', en: 'Test' }, output: 'check' }, { id: 'end', type: 'end' }], [], {
      variables: { type: 'object', properties: { round: { type: 'string', enum: ['weekly', 'daily'] } }, required: ['round'] },
    }),
  );
});

test('Monday 08:00 Asia/Shanghai: paused it shows no runs; resumed, the next five are Mondays at 00:00 UTC, a week apart', async () => {
  const created = await me().api('POST', '/api/schedules', { ...routine, paused: true });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ processKey, orgUnit: INSIDE, paused: true, nextRuns: [], input: { round: 'weekly' }, spec: { timezone: 'Asia/Shanghai' } });
  const resumed = await me().api('POST', `/api/schedules/${created.body.id}/resume`, { note: 'start the round' });
  expect(resumed.status).toBe(200);
  expect(resumed.body).toMatchObject({ paused: false, note: 'start the round' });
  const runs = (resumed.body.nextRuns as string[]).map((t) => new Date(t));
  expect(runs).toHaveLength(5);
  for (const [i, run] of runs.entries()) {
    expect([run.getUTCDay(), run.getUTCHours(), run.getUTCMinutes()]).toEqual([1, 0, 0]);
    if (i > 0) expect(run.getTime() - runs[i - 1].getTime()).toBe(7 * 86_400_000);
  }
  expect(runs[0].getTime()).toBeGreaterThan(Date.now());
  const listed = await eventually(async () => {
    const items: { id: string }[] = (await me().api('GET', '/api/schedules')).body.items;
    return items.some((s) => s.id === created.body.id) ? items : undefined;
  });
  expect(listed.find((s) => s.id === created.body.id)).toMatchObject({ name: routine.name, paused: false });
});

test('a run started now is a case of the schedule’s unit, started by the schedule; an interval then runs by itself', async () => {
  const id: string = (await me().api('POST', '/api/schedules', routine)).body.id;
  expect((await me().api('POST', `/api/schedules/${id}/trigger`)).status).toBe(202);
  const first = await eventually(async () => (await me().api('GET', `/api/schedules/${id}`)).body.recentRuns.find((r: { caseExists: boolean }) => r.caseExists), 30_000);
  const started = await me().api('GET', `/api/cases/${first.caseId}`);
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ processKey, orgUnit: INSIDE, startedBy: `schedule:${id}`, variables: { round: 'weekly' } });

  const changed = await me().api('PUT', `/api/schedules/${id}`, { spec: { every: 'PT5S' }, input: { round: 'daily' } });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ spec: { every: 'PT5S' }, input: { round: 'daily' } });
  const later = await eventually(async () => {
    const runs: { caseId: string; caseExists: boolean }[] = (await me().api('GET', `/api/schedules/${id}`)).body.recentRuns;
    return runs.find((r) => r.caseExists && r.caseId !== first.caseId);
  }, 45_000);
  expect((await me().api('GET', `/api/cases/${later.caseId}`)).body.variables).toEqual({ round: 'daily' });

  const paused = await me().api('POST', `/api/schedules/${id}/pause`, {});
  expect(paused.body).toMatchObject({ paused: true, nextRuns: [] });
  expect((await me().api('DELETE', `/api/schedules/${id}`)).status).toBe(200);
  expect((await me().api('GET', `/api/schedules/${id}`)).status).toBe(404);
  const actions = (await app.platform.services.db.getRepository(AuditEntity).findBy({ kind: 'schedule', key: id })).map((a) => a.action).sort();
  expect(actions).toEqual(['create', 'delete', 'pause', 'trigger', 'update']);
});

test('a retried run finds the case its first attempt started: one case per run', async () => {
  const env = new MockActivityEnvironment({}, { client: app.client });
  const { startScheduledCase } = scheduleActivities(app.platform.services);
  const run = { scheduleId: 'epi-schedule-00000000-0000-4000-8000-000000000001', processKey, input: { round: 'weekly' }, orgUnit: INSIDE, runKey: uniqueKey('run') };
  const a = (await env.run(startScheduledCase, run)) as { caseId: string };
  const b = (await env.run(startScheduledCase, run)) as { caseId: string };
  expect(b.caseId).toBe(a.caseId);
  const rows = await app.platform.services.db.query(`SELECT count(*)::int AS n FROM cases WHERE id = $1`, [a.caseId]);
  expect(rows).toEqual([{ n: 1 }]);
  // Input the process no longer takes is refused for good, not retried for an hour.
  await expect(env.run(startScheduledCase, { ...run, runKey: uniqueKey('run'), input: { round: 'monthly' } })).rejects.toMatchObject({ type: 'ScheduledStartRefused', nonRetryable: true });
});

test('other units do not see it, operators may not make one, and every bad field is named', async () => {
  const id: string = (await me().api('POST', '/api/schedules', { ...routine, paused: true })).body.id;
  const elsewhere = app.as(uniqueKey('sched-out').slice(0, 20), { roles: ['supervisor'], orgUnits: ['huaiyin'] });
  expect((await elsewhere.api('GET', `/api/schedules/${id}`)).status).toBe(404);
  expect((await elsewhere.api('POST', `/api/schedules/${id}/trigger`)).status).toBe(404);
  expect(((await elsewhere.api('GET', '/api/schedules')).body.items as { id: string }[]).map((s) => s.id)).not.toContain(id);
  expect((await elsewhere.api('POST', '/api/schedules', { ...routine, orgUnit: INSIDE })).body.error.code).toBe('org_unit_forbidden');
  const operator = app.as(uniqueKey('sched-op').slice(0, 20), { roles: ['operator'], orgUnits: [INSIDE] });
  expect((await operator.api('POST', '/api/schedules', routine)).status).toBe(403);

  const refused = async (body: unknown) => {
    const res = await me().api('POST', '/api/schedules', body);
    return [res.status, (res.body.error.problems ?? []).map((p: { path: string }) => p.path)];
  };
  expect(await refused({ ...routine, spec: { every: 'PT1S' } })).toEqual([422, ['body/spec/every']]);
  expect(await refused({ ...routine, spec: { calendar: [{ hour: 25, minute: 0 }] } })).toEqual([422, ['body/spec/calendar/0/hour']]);
  expect(await refused({ ...routine, spec: { calendar: [{ days: ['FUNDAY'], hour: 8, minute: 0 }] } })).toEqual([422, ['body/spec/calendar/0/days/0']]);
  expect(await refused({ ...routine, spec: { every: 'P1M' } })).toEqual([422, ['body/spec/every']]);
  expect(await refused({ ...routine, spec: { every: 'P1D', timezone: 'Mars/Olympus' } })).toEqual([422, ['body/spec/timezone']]);
  expect((await refused({ ...routine, spec: {} }))[0]).toBe(422);
  expect(await refused({ ...routine, input: { round: 'monthly' } })).toEqual([422, ['input/round']]);
  expect((await me().api('POST', '/api/schedules', { ...routine, processKey: 'no-such-process' })).status).toBe(404);
  expect((await me().api('GET', '/api/schedules/not-a-schedule')).status).toBe(400);
  expect((await me().api('PUT', `/api/schedules/${id}`, {})).status).toBe(422);
  // A pause note is a short reason (Temporal refuses long ones: a 1,000-character note was a 500).
  const long = await me().api('POST', `/api/schedules/${id}/pause`, { note: 'A'.repeat(1000) });
  expect([long.status, long.body.error.problems.map((p: { path: string }) => p.path)]).toEqual([422, ['body/note']]);
  const longest = await me().api('POST', `/api/schedules/${id}/pause`, { note: '停'.repeat(200) });
  expect([longest.status, longest.body.note]).toEqual([200, '停'.repeat(200)]);
});
