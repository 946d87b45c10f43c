/**
 * The duty roster's API (policy 25: 严格落实领导干部到岗带班、关键岗位24小时值班; 班子成员在岗带班、值班人员24小时在岗):
 * shifts per org unit with their validation, the refusal of two leaders (or two staff) on duty at
 * once in one unit, the org-unit scope (a district's supervisor neither sees nor changes another
 * district's roster), who is on duty at a given time, the audit trail, and the gap report of
 * policy 27 (区纪委监委……对各单位值班值守情况开展督查，及时通报存在问题). Two units of the test's own,
 * under two districts, so no other file's shifts are counted; the roster's times are fixed dates
 * in 2030 (Asia/Shanghai), never the wall clock, except for "now", which is asked at a time given.
 */
import { AuditEntity } from '../../engine/audit/audit.entity';
import { uniqueKey, useTestApp, type TestApp } from '../support/app';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });
const sfx = uniqueKey('duty').slice(5);
const unitA = `duty-a-${sfx}`;
const unitB = `duty-b-${sfx}`;

const supervisorA = () => app.as(`duty-sup-a-${sfx}`, { roles: ['supervisor'], orgUnits: [unitA] });
const supervisorB = () => app.as(`duty-sup-b-${sfx}`, { roles: ['supervisor'], orgUnits: [unitB] });
const operatorA = () => app.as(`duty-op-a-${sfx}`, { roles: ['operator'], orgUnits: [unitA] });
const auditor = () => app.as(`duty-aud-${sfx}`, { roles: ['auditor'] });
const leader = `duty-leader-${sfx}`;
const staff = `duty-staff-${sfx}`;
const staff2 = `duty-staff2-${sfx}`;

/** A time on 7 January 2030 in Huai'an, as the roster is written (no offset: Asia/Shanghai). */
const jan7 = (hhmm: string) => `2030-01-07T${hhmm}`;
const utc = (local: string) => new Date(`${local}+08:00`).toISOString();

async function addShift(as: Pick<TestApp, 'api'>, body: Record<string, unknown>) {
  return as.api('POST', '/api/duty/shifts', { orgUnit: unitA, ...body });
}

beforeAll(async () => {
  for (const [id, parentId] of [[unitA, 'qingjiangpu'], [unitB, 'huaiyin']]) {
    expect((await app.api('POST', '/api/org-units', { id, parentId, name: { zh: `值班${id}`, en: `Duty ${id}` } })).status).toBe(201);
  }
  for (const name of [leader, staff, staff2]) await app.as(name, { roles: ['operator'], orgUnits: [unitA] }).headers();
  await app.as(`duty-disabled-${sfx}`, { roles: ['operator'], orgUnits: [unitA] }).headers();
  await app.platform.services.db.query(`UPDATE users SET disabled = true WHERE username = $1`, [`duty-disabled-${sfx}`]);
});

test('a shift is validated field by field: 4xx naming the field, never a 500', async () => {
  const good = { username: leader, role: 'leader', startsAt: jan7('08:00'), endsAt: jan7('20:00') };
  const cases: [Record<string, unknown>, number, string][] = [
    [{ ...good, role: 'chief' }, 422, 'body/role'],
    [{ ...good, endsAt: jan7('07:00') }, 422, 'body/endsAt'],
    [{ ...good, endsAt: '2030-01-15T09:00' }, 422, 'body/endsAt'],
    [{ ...good, startsAt: 'monday 8am' }, 422, 'body/startsAt'],
    [{ ...good, username: `nobody-${sfx}` }, 422, 'body/username'],
    [{ ...good, username: `duty-disabled-${sfx}` }, 422, 'body/username'],
    [{ ...good, orgUnit: `no-such-unit-${sfx}` }, 422, 'body/orgUnit'],
    [{ ...good, shift: 'night' }, 422, 'body'],
  ];
  for (const [body, status, field] of cases) {
    const res = await addShift(supervisorA(), body);
    expect({ body, status: res.status, fields: (res.body.error?.problems ?? []).map((p: { path: string }) => p.path) }).toEqual({ body, status, fields: expect.arrayContaining([field]) });
  }
  const listing = await supervisorA().api('GET', `/api/duty/shifts?orgUnit=${unitA}&from=${jan7('10:00')}&to=${jan7('09:00')}`);
  expect(listing.status).toBe(400);
  expect(listing.body.error.problems.map((p: { path: string }) => p.path)).toContain('query/to');
});

test('two leaders (or two staff) on duty at once in one unit are refused with 409; a leader and a staff member overlap freely', async () => {
  const day = await addShift(supervisorA(), { username: leader, role: 'leader', startsAt: jan7('08:00'), endsAt: jan7('20:00'), note: 'ext. 8001' });
  expect(day.status).toBe(201);
  expect(day.body).toMatchObject({ orgUnit: unitA, username: leader, role: 'leader', startsAt: utc(jan7('08:00')), endsAt: utc(jan7('20:00')), note: 'ext. 8001' });
  const clash = await addShift(supervisorA(), { username: staff, role: 'leader', startsAt: jan7('19:00'), endsAt: jan7('23:00') });
  expect(clash.status).toBe(409);
  expect(clash.body.error.code).toBe('duty_overlap');
  expect(clash.body.error.message).toContain(day.body.id);
  // Touching is not overlapping: the night leader starts when the day leader ends.
  expect((await addShift(supervisorA(), { username: staff, role: 'leader', startsAt: jan7('20:00'), endsAt: '2030-01-08T08:00' })).status).toBe(201);
  const staffDay = await addShift(supervisorA(), { username: staff2, role: 'staff', startsAt: jan7('08:00'), endsAt: jan7('16:00') });
  expect(staffDay.status).toBe(201);
  const staffLate = await addShift(supervisorA(), { username: staff, role: 'staff', startsAt: jan7('16:00'), endsAt: jan7('22:00') });
  expect(staffLate.status).toBe(201);
  // A change into another shift's time is refused as an addition is; the roster is unchanged.
  const moved = await supervisorA().api('PUT', `/api/duty/shifts/${staffLate.body.id}`, { startsAt: jan7('15:00') });
  expect(moved.status).toBe(409);
  expect(moved.body.error.code).toBe('duty_overlap');
  const stretched = await supervisorA().api('PUT', `/api/duty/shifts/${staffLate.body.id}`, { endsAt: jan7('23:30'), note: 'stays late' });
  expect(stretched.status).toBe(200);
  expect(stretched.body).toMatchObject({ startsAt: utc(jan7('16:00')), endsAt: utc(jan7('23:30')), note: 'stays late' });
  const inverted = await supervisorA().api('PUT', `/api/duty/shifts/${staffLate.body.id}`, { startsAt: '2030-01-08T01:00' });
  expect(inverted.status).toBe(422);
  expect(inverted.body.error.problems[0].path).toBe('body/startsAt');

  const roster = await operatorA().api('GET', `/api/duty/shifts?orgUnit=${unitA}&from=${jan7('00:00')}&to=2030-01-08T00:00`);
  expect(roster.status).toBe(200);
  expect(roster.body.shifts.map((s: { username: string; role: string; startsAt: string }) => [s.role, s.username, s.startsAt])).toEqual([
    ['leader', leader, utc(jan7('08:00'))],
    ['staff', staff2, utc(jan7('08:00'))],
    ['staff', staff, utc(jan7('16:00'))],
    ['leader', staff, utc(jan7('20:00'))],
  ]);
  const audited = await app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'duty_shift', key: staffLate.body.id }, order: { id: 'ASC' } });
  expect(audited.map((a) => [a.action, a.actor])).toEqual([
    ['create', `duty-sup-a-${sfx}`],
    ['update', `duty-sup-a-${sfx}`],
  ]);
  expect(audited[1].detail).toMatchObject({ before: { endsAt: utc(jan7('22:00')) }, after: { endsAt: utc(jan7('23:30')) } });
});

test('who is on duty at a given time: the leader and the staff whose shifts cover it, per unit', async () => {
  const at = (local: string) => encodeURIComponent(`${local}+08:00`);
  const noon = await operatorA().api('GET', `/api/duty/now?orgUnit=${unitA}&at=${at(jan7('12:00'))}`);
  expect(noon.status).toBe(200);
  expect(noon.body.units).toHaveLength(1);
  const unit = noon.body.units[0];
  expect(unit.orgUnit).toBe(unitA);
  expect(unit.leaders.map((p: { username: string }) => p.username)).toEqual([leader]);
  expect(unit.staff.map((p: { username: string }) => p.username)).toEqual([staff2]);
  const night = (await operatorA().api('GET', `/api/duty/now?orgUnit=${unitA}&at=${at('2030-01-08T02:00')}`)).body.units[0];
  expect([night.leaders.map((p: { username: string }) => p.username), night.staff]).toEqual([[staff], []]);
  // The end of a shift is not in it: at 20:00 the night leader, not the day leader, is on duty.
  const handover = (await operatorA().api('GET', `/api/duty/now?orgUnit=${unitA}&at=${at(jan7('20:00'))}`)).body.units[0];
  expect(handover.leaders.map((p: { username: string }) => p.username)).toEqual([staff]);
  // Without a unit: each unit of the caller's scope.
  const mine = await operatorA().api('GET', `/api/duty/now?at=${at(jan7('12:00'))}`);
  expect(mine.body.units.map((u: { orgUnit: string }) => u.orgUnit)).toEqual([unitA]);
});

test('a district cannot see or change another district\'s roster; the auditor reads every unit and changes none', async () => {
  const [shift] = (await supervisorA().api('GET', `/api/duty/shifts?orgUnit=${unitA}&from=${jan7('00:00')}&to=2030-01-08T00:00`)).body.shifts as { id: string }[];
  const b = supervisorB();
  const seen = await b.api('GET', `/api/duty/shifts?orgUnit=${unitA}&from=${jan7('00:00')}&to=2030-01-08T00:00`);
  expect([seen.status, seen.body.error.code]).toEqual([403, 'org_unit_forbidden']);
  expect((await b.api('GET', `/api/duty/now?orgUnit=${unitA}`)).status).toBe(403);
  expect((await b.api('GET', `/api/duty/gaps?orgUnit=${unitA}&from=${jan7('00:00')}&to=2030-01-08T00:00`)).status).toBe(403);
  const added = await b.api('POST', '/api/duty/shifts', { orgUnit: unitA, username: `duty-sup-b-${sfx}`, role: 'leader', startsAt: '2030-02-01T08:00', endsAt: '2030-02-01T09:00' });
  expect([added.status, added.body.error.problems[0].path]).toEqual([403, 'body/orgUnit']);
  // Another district's shift is answered as one that does not exist.
  expect((await b.api('PUT', `/api/duty/shifts/${shift.id}`, { note: 'taken over' })).status).toBe(404);
  expect((await b.api('DELETE', `/api/duty/shifts/${shift.id}`)).status).toBe(404);
  // B's own unit shows none of A's shifts.
  expect((await b.api('GET', `/api/duty/now?at=${encodeURIComponent(`${jan7('12:00')}+08:00`)}`)).body.units).toEqual([{ orgUnit: unitB, name: expect.any(Object), leaders: [], staff: [] }]);

  const read = await auditor().api('GET', `/api/duty/shifts?orgUnit=${unitA}&from=${jan7('00:00')}&to=2030-01-08T00:00`);
  expect(read.status).toBe(200);
  expect(read.body.shifts.length).toBeGreaterThanOrEqual(4);
  const write = await auditor().api('DELETE', `/api/duty/shifts/${shift.id}`);
  expect([write.status, write.body.error.code]).toEqual([403, 'forbidden']);
  // An operator reads the roster but does not make it.
  expect((await operatorA().api('DELETE', `/api/duty/shifts/${shift.id}`)).status).toBe(403);
});

test('the gap report (policy 27): the hours of a day with no leader, no staff and nobody on duty, readable by the auditor', async () => {
  const res = await auditor().api('GET', `/api/duty/gaps?orgUnit=${unitA}&from=${jan7('00:00')}&to=2030-01-08T00:00`);
  expect(res.status).toBe(200);
  const [gaps] = res.body.units;
  // Leaders 08:00-20:00-08:00, staff 08:00-16:00-23:30: nobody on duty from midnight to 08:00.
  expect(gaps.nobody).toEqual([{ from: utc(jan7('00:00')), to: utc(jan7('08:00')) }]);
  expect(gaps.leader).toEqual([{ from: utc(jan7('00:00')), to: utc(jan7('08:00')) }]);
  expect(gaps.staff).toEqual([
    { from: utc(jan7('00:00')), to: utc(jan7('08:00')) },
    { from: utc(jan7('23:30')), to: utc('2030-01-08T00:00') },
  ]);
  expect(gaps.hours).toEqual({ leader: 8, staff: 8.5, nobody: 8 });
});

test('removing a shift takes its person off duty, audited', async () => {
  const added = await addShift(supervisorA(), { username: staff2, role: 'staff', startsAt: '2030-03-01T08:00', endsAt: '2030-03-01T12:00' });
  expect(added.status).toBe(201);
  const at = encodeURIComponent('2030-03-01T09:00+08:00');
  expect((await operatorA().api('GET', `/api/duty/now?orgUnit=${unitA}&at=${at}`)).body.units[0].staff.map((p: { username: string }) => p.username)).toEqual([staff2]);
  const removed = await supervisorA().api('DELETE', `/api/duty/shifts/${added.body.id}`);
  expect(removed).toMatchObject({ status: 200, body: { removed: added.body.id } });
  expect((await operatorA().api('GET', `/api/duty/now?orgUnit=${unitA}&at=${at}`)).body.units[0].staff).toEqual([]);
  expect((await supervisorA().api('DELETE', `/api/duty/shifts/${added.body.id}`)).status).toBe(404);
  const audited = await app.platform.services.db.getRepository(AuditEntity).findBy({ kind: 'duty_shift', key: added.body.id, action: 'remove' });
  expect(audited).toHaveLength(1);
});
