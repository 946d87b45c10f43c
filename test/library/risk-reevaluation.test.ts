/**
 * Policy 8 (区防控办要时刻关注最新中高风险地区情况，第一时间推送给相关单位): when an area is listed at a
 * higher level, the recent arrivals from it are found, previewed per district, and once confirmed
 * classified again and re-routed; each district's office is told through the outbox.
 */
import { NoticeEntity } from '../../engine/notices/notice.entity';
import { TEST_ADMIN_PASSWORD } from '../support/callers';
import { uniqueKey, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { idNumber, libraryReady, sendResult, siteOfItsOwn } from './library-support';

const KEY = 'arrival-screening';
const app = useTestApp({ ownDatabase: true, ready: (started) => libraryReady(started, KEY) });

function arrival(area: string, risk: 'medium' | 'low', district: string, name: string) {
  return {
    person: { idNumber: idNumber(), name, phone: '13800000000' },
    age: 35,
    entryPoint: 'railway-station',
    origin: { city: area, risk },
    documents: { healthCode: 'green', itinerary: [{ place: area, risk }] },
    district,
  };
}

/** Starts an arrival in `orgUnit` and waits until it is classified and waits for its first test of the period. */
async function classified(area: string, risk: 'medium' | 'low', district: string, orgUnit: string, name: string): Promise<string> {
  const id = await startCase(app, KEY, arrival(area, risk, district, name), { orgUnit });
  await sendResult(app, id, 'negative');
  await waitFor(app, id, 'running', 'dayResult');
  return id;
}

/** An account of the district office of `orgUnit`, speaking `locale`. */
async function officeMember(orgUnit: string, locale: 'zh-CN' | 'en'): Promise<string> {
  const username = uniqueKey(`office-${orgUnit}`);
  const res = await app.api('POST', '/api/users', { username, password: TEST_ADMIN_PASSWORD, roles: ['operator'], orgUnits: [orgUnit], groups: ['district-office'], locale });
  expect(res.status).toBe(201);
  return username;
}

test('an area listed as high: the recent arrivals from it are previewed per district, re-routed once on confirm, and each district office is told in its language', async () => {
  const site = await siteOfItsOwn(app, 10);
  const area = uniqueKey('测试地区');
  const elsewhere = uniqueKey('别处');
  const [huaiyinOffice, qingjiangpuOffice] = [await officeMember('huaiyin', 'zh-CN'), await officeMember('qingjiangpu', 'en')];

  // Home quarantine (medium) and arrival tests (low) in two districts; one arrival from another area.
  const huaiyin = [await classified(area, 'medium', site.district, 'huaiyin', '张三'), await classified(area, 'low', site.district, 'huaiyin', '李四')];
  const qingjiangpu = [await classified(area, 'medium', site.district, 'qingjiangpu', '王五')];
  const other = await classified(elsewhere, 'medium', site.district, 'huaiyin', '赵六');

  const added = await app.api('POST', '/api/risk-areas', { area, level: 'high' });
  expect(added.status).toBe(201);
  expect(added.body.areas).toContainEqual(expect.objectContaining({ area, level: 'high', inEffect: true, until: null }));

  // A district's supervisor sees only their district's arrivals, masked.
  const sam = app.as(uniqueKey('risk-sup-huaiyin'), { roles: ['supervisor'], orgUnits: ['huaiyin'] });
  const local = await sam.api('POST', '/api/risk-reevaluations/preview', { area });
  expect(local.status).toBe(200);
  expect(local.body).toMatchObject({ area, level: 'high', windowDays: 14, people: 2, byOrgUnit: [{ orgUnit: 'huaiyin', people: 2 }] });
  expect(local.body.arrivals.map((a: { caseId: string }) => a.caseId).sort()).toEqual([...huaiyin].sort());
  const names = local.body.arrivals.map((a: { person: { name: string } }) => a.person.name);
  expect(names).not.toContain('张三');
  expect(names.every((n: string) => n.includes('*'))).toBe(true);
  expect(local.body.byOrgUnit[0].transitions).toEqual(
    expect.arrayContaining([
      { from: 'home-quarantine', to: 'centralized-quarantine', count: 1 },
      { from: 'arrival-tests', to: 'centralized-quarantine', count: 1 },
    ]),
  );
  expect(local.body.byOrgUnit[0].nodes).toEqual({ dayResult: 2 });

  // The city's supervisor: both districts.
  const city = app.as(uniqueKey('risk-sup-city'), { roles: ['supervisor'], orgUnits: ['huaian'] });
  const cityDeputy = app.as(uniqueKey('risk-sup-city2'), { roles: ['supervisor'], orgUnits: ['huaian'] });
  const preview = await city.api('POST', '/api/risk-reevaluations/preview', { area, windowDays: 7 });
  expect(preview.status).toBe(200);
  expect(preview.body.people).toBe(3);
  expect(Object.fromEntries(preview.body.byOrgUnit.map((u: { orgUnit: string; people: number }) => [u.orgUnit, u.people]))).toEqual({ huaiyin: 2, qingjiangpu: 1 });

  // Two confirms at once: one wins, the other is told it was confirmed.
  const [a, b] = await Promise.all([city.api('POST', `/api/risk-reevaluations/${preview.body.id}/confirm`), cityDeputy.api('POST', `/api/risk-reevaluations/${preview.body.id}/confirm`)]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const confirmed = a.status === 200 ? a.body : b.body;
  expect(confirmed).toMatchObject({ status: 'confirmed', moved: 3, notices: 2 });

  // Each arrival takes its new path: the earlier case is cancelled, its follow-up in centralized quarantine at the district's site.
  for (const moved of confirmed.cases as { caseId: string; newCaseId: string }[]) {
    await waitFor(app, moved.caseId, 'cancelled');
    const next = await waitFor(app, moved.newCaseId, 'running', 'dayResult');
    expect(next.variables.plan.kind).toBe('centralized-quarantine');
    expect(next.variables.listed.outcome).toBe('high');
    expect(next.variables.reevaluation.fromCase).toBe(moved.caseId);
    expect(path(next)).not.toContain('landingTest');
  }
  expect(confirmed.cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual([...huaiyin, ...qingjiangpu].sort());
  expect((await app.api('GET', `/api/cases/${other}`)).body.status).toBe('running');

  // One notice per district, in the office's language.
  const notices = await app.platform.services.db.getRepository(NoticeEntity).findBy({ caseId: `risk-reevaluation:${preview.body.id}` });
  expect(notices.map((n) => [n.recipient.id, (n.params as { orgUnit: string }).orgUnit]).sort()).toEqual([[huaiyinOffice, 'huaiyin'], [qingjiangpuOffice, 'qingjiangpu']].sort());
  const text = Object.fromEntries(notices.map((n) => [(n.params as { orgUnit: string }).orgUnit, (n.params as { text: string }).text]));
  expect(text.huaiyin).toContain('高风险地区');
  expect(text.huaiyin).toContain('2人');
  expect(text.qingjiangpu).toContain('high-risk area: 1 arrival(s)');

  // Confirming again re-routes nothing; a new preview finds nobody left to move (the follow-ups were classified high).
  const again = await city.api('POST', `/api/risk-reevaluations/${preview.body.id}/confirm`);
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('already_confirmed');
  const after = await city.api('POST', '/api/risk-reevaluations/preview', { area });
  expect(after.body.people).toBe(0);
  // The local preview from before selected the same cases: confirming it moves none a second time.
  const late = await sam.api('POST', `/api/risk-reevaluations/${local.body.id}/confirm`);
  expect(late.status).toBe(200);
  expect(late.body).toMatchObject({ moved: 0, notices: 0 });
  expect(await app.platform.services.db.getRepository(NoticeEntity).countBy({ caseId: `risk-reevaluation:${local.body.id}` })).toBe(0);

  // Read back, a district's supervisor sees what was done in their district only.
  const kept = await sam.api('GET', `/api/risk-reevaluations/${preview.body.id}`);
  expect(kept.body).toMatchObject({ status: 'confirmed', result: { moved: 3, byOrgUnit: [{ orgUnit: 'huaiyin', people: 2 }] } });
  expect(kept.body.result.cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual([...huaiyin].sort());

  const audit = await app.api('GET', `/api/audit?kind=risk-reevaluation&key=${preview.body.id}`);
  expect(JSON.stringify(audit.body)).toContain('confirm');
});

test('bad requests answer 422 naming the field; reading is not re-routing', async () => {
  const operator = app.as(uniqueKey('risk-op'), { roles: ['operator'], orgUnits: ['huaiyin'] });
  expect((await operator.api('POST', '/api/risk-reevaluations/preview', { area: 'x' })).status).toBe(403);
  expect((await operator.api('GET', '/api/risk-areas')).status).toBe(200);
  expect((await operator.api('POST', '/api/risk-areas', { area: 'x', level: 'high' })).status).toBe(403);

  // A body that does not validate is 422, a malformed path parameter 400 (as on every route).
  const cases: [string, string, unknown, string, number][] = [
    ['POST', '/api/risk-reevaluations/preview', { area: 'x', windowDays: 0 }, 'windowDays', 422],
    ['POST', '/api/risk-reevaluations/preview', { area: '', windowDays: 3 }, 'area', 422],
    ['POST', '/api/risk-reevaluations/preview', { area: 'x', extra: 1 }, 'extra', 422],
    ['POST', '/api/risk-areas', { area: 'x', level: 'severe' }, 'level', 422],
    ['POST', '/api/risk-areas', { area: 'x', level: 'high', from: '2026-11-02T00:00:00+08:00', until: '2026-11-01T00:00:00+08:00' }, 'until', 422],
    ['POST', '/api/risk-reevaluations/not-an-id/confirm', undefined, 'id', 400],
  ];
  for (const [method, url, body, field, status] of cases) {
    const res = await app.api(method, url, body);
    expect([url, res.status]).toEqual([url, status]);
    expect(JSON.stringify(res.body.error.problems)).toContain(field);
  }
  const notListed = await app.api('POST', '/api/risk-reevaluations/preview', { area: uniqueKey('nowhere') });
  expect(notListed.status).toBe(422);
  expect(notListed.body.error.problems[0].path).toBe('area');

  // CSV import: a bad cell names its row and column and publishes nothing.
  const before = (await app.api('GET', '/api/risk-areas')).body.version;
  const bad = await app.api('POST', '/api/risk-areas/import', { csv: 'area,level\n甲地,high\n乙地,severe\n' });
  expect(bad.status).toBe(422);
  expect(bad.body.error.problems).toEqual([expect.objectContaining({ path: 'csv/3/level', message: expect.stringContaining('row 3, column level') })]);
  expect((await app.api('GET', '/api/risk-areas')).body.version).toBe(before);
  const [a1, a2] = [uniqueKey('丙地'), uniqueKey('丁地')];
  const good = await app.api('POST', '/api/risk-areas/import', { csv: `area,level,from\n${a1},high,2026-11-01T00:00:00+08:00\n${a2},medium\n` });
  expect(good.status).toBe(201);
  expect(good.body.version).toBe(before + 1);
  expect(good.body.areas).toEqual(expect.arrayContaining([expect.objectContaining({ area: a1, level: 'high' }), expect.objectContaining({ area: a2, level: 'medium' })]));
  expect((await app.api('GET', '/api/risk-reevaluations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
});
