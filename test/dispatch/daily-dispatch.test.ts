/**
 * 建立每日调度机制 (policy 24) and 应检尽检 coverage (policy 10): the daily dispatch's figures are
 * counted from cases this test starts through the API on the real Temporal server, on a database
 * of its own (its global counts are exactly these cases); a district's staff see their district's
 * report only; the PDF holds the figures; and the Temporal Schedule compiles a day once however
 * often it runs, while a report compiled on demand is kept beside the earlier ones.
 */
import { dayAt, dayBefore } from '../../domain/dispatch/office-day';
import { DAILY_DISPATCH_SCHEDULE } from '../../domain/dispatch/dispatch-schedule';
import { eventually, useTestApp, type TestApp } from '../support/app';
import { clearOfMidnight } from '../support/office-clock';
import { pdfText } from '../support/pdf-text';
import { arrival } from './arrivals';
import { startCase, waitFor } from '../support/processes';
import { DAY_SCALE, idNumber, libraryReady, sendResult } from '../library/library-support';

jest.setTimeout(420_000);

const PROCESSES = ['arrival-screening', 'verification-138', 'pharmacy-sentinel', 'school-sickness-absence', 'key-group-testing', 'daily-dispatch'];
const app = useTestApp({
  ownDatabase: true,
  env: { DAILY_REPORT_HOUR: '7' },
  ready: async (started) => {
    for (const key of PROCESSES) await libraryReady(started, key);
  },
});

const A = 'qingjiangpu';
const B = 'huaiyin';
const HOUR_MS = 3_600_000;


async function openTask(caseId: string): Promise<void> {
  await eventually(async () => ((await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(caseId)}&status=open`)).body.length > 0 ? true : undefined), 30_000, `a task of ${caseId}`);
}

async function visited(caseId: string, node: string): Promise<void> {
  await eventually(async () => ((await app.platform.services.db.query(`SELECT 1 FROM case_visits WHERE case_id = $1 AND node_id = $2`, [caseId, node])).length ? true : undefined), 30_000, `${caseId} to reach ${node}`);
}

async function escalations(reason?: string): Promise<number> {
  const [{ n }] = await app.platform.services.db.query(`SELECT count(*)::int AS n FROM escalations WHERE $1::text IS NULL OR reason = $1`, [reason ?? null]);
  return n;
}

type Report = { orgUnit: string; revision: number; generatedBy: string; figures: Record<string, any> };

describe('the daily dispatch of a day with cases of every kind', () => {
  let day: string;
  let reports: Map<string, Report>;
  const bounds: Record<string, [number, number]> = {};

  beforeAll(async () => {
    await clearOfMidnight(5 * 60_000);
    day = dayAt(new Date());
    const a: TestApp = app;
    // Arrivals in district A: two from a high-risk area (one classified into centralized quarantine, one waiting for its landing test), one released.
    const highWaiting = await startCase(a, 'arrival-screening', arrival('high', A), { orgUnit: A });
    const centralized = await startCase(a, 'arrival-screening', arrival('high', A), { orgUnit: A });
    const released = await startCase(a, 'arrival-screening', arrival('none', A), { orgUnit: A });
    // District B: one from a medium-risk area, in home quarantine.
    const home = await startCase(a, 'arrival-screening', arrival('medium', B), { orgUnit: B });
    for (const id of [centralized, released, home]) await sendResult(a, id, 'negative');
    // 1-3-8 in B: due within the hour (pushed now), in time (bottom-up: the 3-hour verification), overdue (pushed two hours ago).
    const flagged = (extra: Record<string, unknown>) => ({ person: { idNumber: idNumber() }, pushId: 'push-0909', reason: 'itinerary overlap', ...extra });
    const dueSoon = await startCase(a, 'verification-138', flagged({}), { orgUnit: B });
    const inTime = await startCase(a, 'verification-138', flagged({ direction: 'bottom-up' }), { orgUnit: B });
    const overdue = await startCase(a, 'verification-138', flagged({ pushedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString() }), { orgUnit: B });
    // Pharmacy sentinel in B: two four-class buyers; one misses the test deadline (48 h, run in 2 s) and goes to the community.
    const pharmacy = { id: 'pharmacy-1', name: 'Pharmacy 1', district: B };
    const missed = await startCase(a, 'pharmacy-sentinel', { buyer: { idNumber: idNumber() }, pharmacy, drugClass: 'fever', timeScale: DAY_SCALE }, { orgUnit: B });
    await startCase(a, 'pharmacy-sentinel', { buyer: { idNumber: idNumber() }, pharmacy, drugClass: 'cough' }, { orgUnit: B });
    // School absences in A: a pupil and a member of staff.
    const school = { id: 'school-1', name: 'School 1', district: A };
    const pupil = await startCase(a, 'school-sickness-absence', { pupil: { idNumber: idNumber() }, school, reason: 'fever' }, { orgUnit: A });
    const staff = await startCase(a, 'school-sickness-absence', { staff: { idNumber: idNumber() }, school, reason: 'cough' }, { orgUnit: A });
    // Key groups in A: two port workers, one of whom lets the daily test lapse (a day runs in 2 s), and a driver.
    const lapsed = await startCase(a, 'key-group-testing', { person: { idNumber: idNumber() }, group: 'port-worker', timeScale: 2 / 86_400 }, { orgUnit: A });
    const tested = await startCase(a, 'key-group-testing', { person: { idNumber: idNumber() }, group: 'port-worker' }, { orgUnit: A });
    const driver = await startCase(a, 'key-group-testing', { person: { idNumber: idNumber() }, group: 'driver' }, { orgUnit: A });

    await waitFor(a, released, 'completed');
    await waitFor(a, centralized, 'running', 'dayResult');
    await waitFor(a, home, 'running', 'dayResult');
    for (const id of [dueSoon, inTime, overdue, pupil, staff]) await openTask(id);
    // Escalated by the community follow-up its wait's ladder starts (a linked case under its id).
    await eventually(async () => ((await app.platform.services.db.query(`SELECT 1 FROM escalations WHERE case_id LIKE $1`, [`${missed}.%`])).length ? true : undefined), 30_000, 'the missed test escalated');
    await visited(lapsed, 'remind');
    await visited(highWaiting, 'landingResult');
    for (const id of [tested, driver]) await visited(id, 'awaitResult');

    // Escalations keep coming from the lapsed member (one a cycle): bounded by counts on either side of the report.
    const before = { all: await escalations(), routine: await escalations('routine-test-overdue') };
    const generated = await app.api('POST', `/api/daily-reports/${day}`);
    expect(generated.status).toBe(201);
    bounds.all = [before.all, await escalations()];
    bounds.routine = [before.routine, await escalations('routine-test-overdue')];
    reports = new Map((generated.body.reports as Report[]).map((r) => [r.orgUnit, r]));
  });

  test('district A: arrivals by risk level, centralized quarantine, the release, sickness absences and key-group coverage', () => {
    const f = reports.get(A)!.figures;
    expect(f.arrivals).toEqual({ high: 2, medium: 0, low: 0, none: 1 });
    expect(f.quarantine).toEqual({ centralized: 1, home: 0 });
    expect(f.releases).toEqual({ issued: 1 });
    expect(f.schoolAbsences).toEqual({ pupils: 1, staff: 1 });
    expect(f.verification138).toEqual({ inTime: 0, dueSoon: 0, overdue: 0 });
    expect(f.pharmacy).toEqual({ registrations: 0, followUps: 0 });
    // 应检尽检: three enrolled, the one whose daily test lapsed is overdue.
    expect([f.keyGroups.enrolled, f.keyGroups.overdue]).toEqual([3, 1]);
    expect(f.coverage).toEqual([
      { group: 'port-worker', enrolled: 2, overdue: 1 },
      { group: 'driver', enrolled: 1, overdue: 0 },
    ]);
    expect(f.keyGroups.escalated).toBeGreaterThanOrEqual(bounds.routine[0]);
    expect(f.keyGroups.escalated).toBeLessThanOrEqual(bounds.routine[1]);
    expect(f.overdueItems.tasks).toBe(0);
  });

  test('district B: home quarantine, 1-3-8 tasks by deadline state, pharmacy registrations and follow-ups, the overdue task', () => {
    const f = reports.get(B)!.figures;
    expect(f.arrivals).toEqual({ high: 0, medium: 1, low: 0, none: 0 });
    expect(f.quarantine).toEqual({ centralized: 0, home: 1 });
    expect(f.verification138).toEqual({ inTime: 1, dueSoon: 1, overdue: 1 });
    expect(f.pharmacy).toEqual({ registrations: 2, followUps: 1 });
    expect(f.schoolAbsences).toEqual({ pupils: 0, staff: 0 });
    expect(f.keyGroups).toEqual({ enrolled: 0, overdue: 0, escalated: 0 });
    expect(f.overdueItems.tasks).toBe(1);
    expect(f.overdueItems.escalations).toBe(1);
  });

  test('the city is the sum of its districts, and the other districts report nothing', () => {
    const city = reports.get('huaian')!.figures;
    expect(reports.size).toBe(11);
    expect(city.arrivals).toEqual({ high: 2, medium: 1, low: 0, none: 1 });
    expect(city.quarantine).toEqual({ centralized: 1, home: 1 });
    expect(city.verification138).toEqual({ inTime: 1, dueSoon: 1, overdue: 1 });
    expect(city.overdueItems.tasks).toBe(1);
    expect(city.overdueItems.escalations).toBe(reports.get(A)!.figures.overdueItems.escalations + 1);
    expect(city.overdueItems.escalations).toBeGreaterThanOrEqual(bounds.all[0]);
    expect(city.overdueItems.escalations).toBeLessThanOrEqual(bounds.all[1]);
    for (const [unit, r] of reports) {
      if (unit === 'huaian' || unit === A || unit === B) continue;
      expect(Object.values(r.figures.arrivals)).toEqual([0, 0, 0, 0]);
      expect(r.figures.keyGroups.enrolled).toBe(0);
    }
  });

  test('compiling the day again keeps a second revision and leaves the first as it was', async () => {
    const again = await app.api('POST', `/api/daily-reports/${day}`);
    expect(again.status).toBe(201);
    const revision = reports.get(A)!.revision;
    expect(again.body.reports[0].revision).toBe(revision + 1);
    const first = await app.api('GET', `/api/daily-reports/${day}/${A}?revision=${revision}`);
    expect(first.body.reports[0].figures.arrivals).toEqual(reports.get(A)!.figures.arrivals);
    const listed = await app.api('GET', `/api/daily-reports?from=${day}&to=${day}&limit=500`);
    expect(listed.body.items.filter((i: Report) => i.orgUnit === A).map((i: Report) => i.revision)).toEqual([revision + 1, revision]);
    // The audit trail names who compiled it.
    const audit = await app.api('GET', `/api/audit?kind=daily-report&limit=10`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain(day);
  });

  test("a district's staff see their district's report only, and may not compile one", async () => {
    const clerk = app.as('dispatch-clerk-huaiyin', { roles: ['operator'], orgUnits: [B] });
    const theirs = await clerk.api('GET', `/api/daily-reports/${day}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.reports.map((r: Report) => r.orgUnit)).toEqual([B]);
    expect(theirs.body.reports[0].figures.verification138).toEqual(reports.get(B)!.figures.verification138);
    expect(theirs.body.labels.verification138.items.overdue).toEqual({ zh: '已超时', en: 'Overdue' });
    for (const other of ['huaian', A]) expect((await clerk.api('GET', `/api/daily-reports/${day}/${other}`)).status).toBe(404);
    const listed = await clerk.api('GET', `/api/daily-reports?limit=500`);
    expect(new Set(listed.body.items.map((i: Report) => i.orgUnit))).toEqual(new Set([B]));
    expect((await clerk.api('POST', `/api/daily-reports/${day}`)).status).toBe(403);
    // A district's supervisor may compile reports, but one compilation keeps every district's: the city's staff only.
    const supervisor = app.as('dispatch-supervisor-huaiyin', { roles: ['supervisor'], orgUnits: [B] });
    expect((await supervisor.api('POST', `/api/daily-reports/${day}`)).body.error.code).toBe('city_wide_only');
    const pdf = await fetch(`${app.url}/api/daily-reports/${day}/${A}/pdf`, { headers: await clerk.headers() });
    expect(pdf.status).toBe(404);
  });

  test("the PDF of a district's report is a PDF holding its figures", async () => {
    const res = await fetch(`${app.url}/api/daily-reports/${day}/${B}/pdf`, { headers: await app.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('淮阴区');
    expect(text).toContain(day);
    // Four-class buyers registered: 2; 1-3-8 overdue: 1.
    expect(text).toMatch(/四类药品购药登记\s+Four-class buyers registered\s+2/);
    expect(text).toMatch(/已超时\s+Overdue\s+1/);
  });

  test('bad input is refused naming the field', async () => {
    expect((await app.api('GET', '/api/daily-reports/2026-02-30')).body.error.problems[0].path).toBe('params/day');
    expect((await app.api('POST', `/api/daily-reports/${dayAt(new Date(Date.now() + 48 * HOUR_MS))}`)).status).toBe(422);
    expect((await app.api('GET', '/api/daily-reports/2020-01-01')).status).toBe(404);
  });
});

describe('the Temporal Schedule', () => {
  afterAll(async () => {
    await app.api('DELETE', `/api/schedules/${DAILY_DISPATCH_SCHEDULE}`);
  });

  test('is kept at DAILY_REPORT_HOUR, compiles the day before when it runs, and a second run keeps nothing new', async () => {
    const schedule = await app.api('GET', `/api/schedules/${DAILY_DISPATCH_SCHEDULE}`);
    expect(schedule.status).toBe(200);
    expect(schedule.body).toMatchObject({ processKey: 'daily-dispatch', orgUnit: 'huaian', spec: { calendar: [{ hour: 7, minute: 0 }], timezone: 'Asia/Shanghai' } });
    const candidates = new Set([dayBefore(new Date())]);
    /** The runs' cases once `n` have ended: each must have completed. */
    const ended = async (n: number) => {
      const items = await eventually(async () => {
        const list = (await app.api('GET', '/api/cases?processKey=daily-dispatch&limit=50')).body.items as { status: string; id: string }[];
        return list.length === n && list.every((c) => c.status !== 'running') ? list : undefined;
      }, 60_000, `run ${n} to end`);
      for (const c of items) expect([c.id, c.status]).toEqual([c.id, 'completed']);
    };
    expect((await app.api('POST', `/api/schedules/${DAILY_DISPATCH_SCHEDULE}/trigger`)).status).toBe(202);
    await ended(1);
    candidates.add(dayBefore(new Date()));
    const kept = await eventually(async () => {
      for (const d of candidates) {
        const res = await app.api('GET', `/api/daily-reports/${d}`);
        if (res.status === 200) return res.body;
      }
      return undefined;
    });
    expect(kept.reports).toHaveLength(11);
    expect(kept.reports.every((r: Report) => r.revision === 1 && r.generatedBy.startsWith('case:daily-dispatch.'))).toBe(true);

    // A run's workflow is named by the schedule and the second it starts in: a trigger in the same second as the first would be the same run.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await app.api('POST', `/api/schedules/${DAILY_DISPATCH_SCHEDULE}/trigger`)).status).toBe(202);
    await ended(2);
    const listed = await app.api('GET', `/api/daily-reports?from=${kept.day}&to=${kept.day}&limit=500`);
    expect(listed.body.items).toHaveLength(11);
    expect(listed.body.items.every((i: Report) => i.revision === 1)).toBe(true);
  });
});
