/**
 * Escalations reach whoever is on duty (policy 25: 严格落实领导干部到岗带班、关键岗位24小时值班; policy 26:
 * 信息报告制度，确保信息畅通), on the real Temporal server: the built-in 1-3-8 verification
 * (verification-138) runs in a unit of the test's own with a leader and a staff member on duty
 * now; its push stage misses its deadline, and the ladder's notice goes to the two of them, not to
 * the district office's members. In a unit with nobody on duty the same notice falls back to the
 * district office's members, says so in its text, and the case log and audit trail record it. The
 * deadline board shows who is on duty in the unit. A process's notify step to `{type: 'duty'}`
 * does the same. An hour lasts a second here.
 */
import { processLibrary } from '../../domain/library/processes';
import { AuditEntity } from '../../engine/audit/audit.entity';
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { TaskEntity } from '../../engine/tasks/task.entity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { idNumber, libraryReady } from '../library/library-support';

jest.setTimeout(120_000);

const KEY = 'verification-138';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
const sfx = uniqueKey('dutyesc').slice(8);
const staffed = `duty-esc-a-${sfx}`;
const unstaffed = `duty-esc-b-${sfx}`;

const leader = `esc-leader-${sfx}`;
const staff = `esc-staff-${sfx}`;
/** District-office members of each unit: whom the step told before duty rosters, and whom it tells when nobody is on duty. */
const officeA = `esc-office-a-${sfx}`;
const officeB = `esc-office-b-${sfx}`;

interface LadderNotice {
  recipient: { type: string; id: string };
  params: { step: number; nodeId: string; text: string; duty?: string | null; noneOnDuty?: boolean; fallbackGroup?: string; orgUnit?: string };
}

const stepOneNotices = async (caseId: string): Promise<LadderNotice[]> =>
  app.platform.services.db.query(`SELECT recipient, params FROM notices WHERE case_id = $1 AND template = 'ladder-step' AND (params->>'step')::int = 1 ORDER BY recipient->>'id'`, [caseId]);

/** A flagged person's verification in `unit`, pushed now; its push task is left open past its 1-hour deadline. */
async function overdueVerification(unit: string): Promise<{ caseId: string; taskId: string }> {
  const res = await app.api('POST', '/api/cases', { processKey: KEY, orgUnit: unit, input: { person: { idNumber: idNumber() }, pushId: `push-${sfx}`, reason: 'itinerary overlap', timeScale: 1 / 3600 } });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const taskId = `${caseId}:dispatch:1`;
  const tasks = app.platform.services.db.getRepository(TaskEntity);
  await eventually(async () => ((await tasks.findOneBy({ id: taskId }))?.ladderStepsTaken ?? 0) >= 1 || undefined, 30_000, 'the push stage\'s first ladder step');
  return { caseId, taskId };
}

beforeAll(async () => {
  for (const [id, parentId] of [[staffed, 'qingjiangpu'], [unstaffed, 'huaiyin']]) {
    expect((await app.api('POST', '/api/org-units', { id, parentId, name: { zh: `值班升级${id}`, en: `Escalation ${id}` } })).status).toBe(201);
  }
  for (const name of [leader, staff]) await app.as(name, { roles: ['operator'], orgUnits: [staffed] }).headers();
  await app.as(officeA, { roles: ['operator'], orgUnits: [staffed], groups: ['district-office'] }).headers();
  await app.as(officeB, { roles: ['operator'], orgUnits: [unstaffed], groups: ['district-office'] }).headers();
  // On duty from an hour ago to three hours on: the escalation, a second after the push, falls inside.
  const now = Date.now();
  const span = { startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 3 * 3600_000).toISOString() };
  for (const [username, role] of [[leader, 'leader'], [staff, 'staff']]) {
    expect((await app.api('POST', '/api/duty/shifts', { orgUnit: staffed, username, role, ...span })).status).toBe(201);
  }
});

test('a missed 1-3-8 deadline reaches the leader and the staff on duty in the case\'s unit, not the district office\'s members', async () => {
  const { caseId, taskId } = await overdueVerification(staffed);
  const told = await stepOneNotices(caseId);
  expect(told.map((n) => [n.recipient, n.params.duty, n.params.orgUnit])).toEqual([
    [{ type: 'user', id: leader }, 'leader', staffed],
    [{ type: 'user', id: staff }, 'staff', staffed],
  ]);
  expect(told.every((n) => n.params.noneOnDuty === undefined)).toBe(true);
  // In the person's language (accounts default to zh-CN), saying whose duty it is.
  expect(told[0].params.text).toContain('带班领导');
  const [audited] = await app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'task', key: taskId, action: 'ladder_step' }, order: { id: 'ASC' } });
  expect((audited.detail as { notified: string[] }).notified.sort()).toEqual([leader, staff].sort());
  // The deadline board shows who is on duty where the overdue task is.
  const board = await eventually(async () => {
    const res = await app.api('GET', `/api/deadlines?processKey=${KEY}&orgUnit=${staffed}`);
    return res.body.units?.[0];
  }, 10_000, 'the unit on the board');
  expect(board.onDuty.map((p: { username: string; role: string }) => [p.role, p.username])).toEqual([
    ['leader', leader],
    ['staff', staff],
  ]);
  expect((await app.api('POST', `/api/cases/${caseId}/cancel`, {})).status).toBeLessThan(300);
});

test('with nobody on duty the notice is not lost: the district office\'s members are told, and the notice, the case log and the audit trail say nobody was on duty', async () => {
  const { caseId, taskId } = await overdueVerification(unstaffed);
  const told = await stepOneNotices(caseId);
  expect(told.map((n) => n.recipient.id)).toEqual([officeB]);
  expect(told[0].params).toMatchObject({ duty: null, noneOnDuty: true, fallbackGroup: 'district-office', orgUnit: unstaffed });
  expect(told[0].params.text).toContain('当前无人值班');
  const log = await app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId, level: 'warn' } });
  expect(log.map((l) => l.message)).toContainEqual(expect.stringContaining(`nobody on duty in ${unstaffed}`));
  const [audited] = await app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'task', key: taskId, action: 'ladder_step' }, order: { id: 'ASC' } });
  expect(audited.detail).toMatchObject({ notified: [officeB], noneOnDuty: { orgUnit: unstaffed, toldGroups: ['district-office'] } });
  expect((await app.api('POST', `/api/cases/${caseId}/cancel`, {})).status).toBeLessThan(300);
});

test('a notify step to a unit\'s duty: one notice to each person on duty, or one to the group that says nobody was on duty', async () => {
  const key = `duty-notify-${sfx}`;
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'tell', type: 'activity', activity: 'notify', input: { to: "{'type': 'duty', 'id': 'district-office'}", template: "'case-opened'", params: "{'pushId': 'p-1'}" }, output: 'told' },
      { id: 'end', type: 'end' },
    ]),
  );
  const noticesOf = (caseId: string): Promise<{ recipient: { type: string; id: string }; params: Record<string, unknown> }[]> =>
    app.platform.services.db.query(`SELECT recipient, params FROM notices WHERE case_id = $1 ORDER BY recipient->>'id'`, [caseId]);

  const staffedCase = await startCase(app, key, {}, { orgUnit: staffed });
  const done = await waitFor(app, staffedCase, 'completed');
  expect((await noticesOf(staffedCase)).map((n) => [n.recipient, n.params])).toEqual([
    [{ type: 'user', id: leader }, { pushId: 'p-1', orgUnit: staffed, duty: 'leader' }],
    [{ type: 'user', id: staff }, { pushId: 'p-1', orgUnit: staffed, duty: 'staff' }],
  ]);
  expect(done.variables.told.noticeIds).toHaveLength(2);

  const unstaffedCase = await startCase(app, key, {}, { orgUnit: unstaffed });
  await waitFor(app, unstaffedCase, 'completed');
  expect((await noticesOf(unstaffedCase)).map((n) => [n.recipient, n.params])).toEqual([
    [{ type: 'group', id: 'district-office' }, { pushId: 'p-1', orgUnit: unstaffed, duty: null, noneOnDuty: true }],
  ]);
});

test('an escalate step with toDuty reaches whoever is on duty in the case\'s unit, else the level\'s group, and records one escalation; the built-in processes\' missed-deadline escalations use it', async () => {
  const key = `duty-escalate-${sfx}`;
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'late', type: 'activity', activity: 'escalate', input: { level: "'district-office'", reason: "'final-test-overdue'", subject: "'p-7'", toDuty: 'true' }, output: 'raised' },
      { id: 'end', type: 'end' },
    ]),
  );
  const escalationNotices = (caseId: string): Promise<{ recipient: { type: string; id: string }; params: Record<string, unknown> }[]> =>
    app.platform.services.db.query(`SELECT recipient, params FROM notices WHERE case_id = $1 AND template = 'escalation' ORDER BY recipient->>'id'`, [caseId]);
  const escalations = (caseId: string) => app.platform.services.db.query(`SELECT level, notice_id AS "noticeId" FROM escalations WHERE case_id = $1`, [caseId]);

  const staffedCase = await startCase(app, key, {}, { orgUnit: staffed });
  const done = await waitFor(app, staffedCase, 'completed');
  expect((await escalationNotices(staffedCase)).map((n) => [n.recipient, n.params.duty, n.params.reason])).toEqual([
    [{ type: 'user', id: leader }, 'leader', 'final-test-overdue'],
    [{ type: 'user', id: staff }, 'staff', 'final-test-overdue'],
  ]);
  expect(await escalations(staffedCase)).toEqual([{ level: 'district-office', noticeId: done.variables.raised.noticeId }]);

  const unstaffedCase = await startCase(app, key, {}, { orgUnit: unstaffed });
  await waitFor(app, unstaffedCase, 'completed');
  expect((await escalationNotices(unstaffedCase)).map((n) => [n.recipient, n.params.noneOnDuty])).toEqual([[{ type: 'group', id: 'district-office' }, true]]);

  // Missed deadlines in the built-in processes go to the duty; reports of a positive result go to the body named.
  const steps = processLibrary.flatMap((def) => def.nodes.filter((n) => n.type === 'activity' && n.activity === 'escalate').map((n) => ({ key: `${def.key}/${n.id}`, toDuty: (n as { input?: Record<string, string> }).input?.toDuty === 'true' })));
  expect(steps.filter((s) => /overdue|missed|missing|noSite/i.test(s.key) && !s.toDuty)).toEqual([]);
  expect(steps.filter((s) => /positive/i.test(s.key) && s.toDuty)).toEqual([]);
});
