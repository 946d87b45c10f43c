import { QuarantineSiteEntity } from '../../domain/quarantine/quarantine-site.entity';
import { ReleaseRecordEntity } from '../../domain/releases/release-record.entity';
import type { TableRuleSet } from '../../rules/ruleset-schema';
import { recordHistory } from '../support/fixtures';
import { eventually, useTestApp } from '../support/app';
import { caseState, path, startCase, waitFor } from '../support/processes';
import { publishRuleSet } from '../support/rules';
import { completeTask, DAY_SCALE, escalationsOf, idNumber, libraryReady, noticesOf, sendResult, siteOfItsOwn } from './library-support';

const KEY = 'arrival-screening';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

function arrival(originRisk: 'high' | 'medium' | 'low' | 'none', district: string, extra: Record<string, unknown> = {}) {
  return {
    person: { idNumber: idNumber(), name: '张三', phone: '13800000000' },
    age: 35,
    entryPoint: 'railway-station',
    origin: { city: 'somewhere', risk: originRisk },
    documents: { healthCode: 'green', itinerary: [{ place: 'somewhere', risk: originRisk }] },
    district,
    ...extra,
  };
}

/** The days tests were taken on: the day counter's value each time dayTest or finalTest ran. */
function testedDays(visited: string[]): number[] {
  let day = 1;
  const tested: number[] = [];
  for (const node of visited) {
    if (node === 'advance') day += 1;
    if (node === 'dayTest' || node === 'finalTest') tested.push(day);
  }
  return tested;
}

test('严格落实第九版防控方案, high-risk area: 7 days centralized quarantine, tests on days 1, 2, 3, 5, 7, release with no monitoring after', async () => {
  const site = await siteOfItsOwn(app, 2);
  const id = await startCase(app, KEY, arrival('high', site.district, { timeScale: DAY_SCALE }));
  // Landing test, days 1, 2, 3 and 5 and the final test on day 7: results queue until each wait takes one.
  for (let i = 0; i < 6; i++) await sendResult(app, id, 'negative');
  const inQuarantine = await waitFor(app, id, 'running', 'nextDay');
  expect(inQuarantine.variables.plan).toEqual({ kind: 'centralized-quarantine', days: 7, testDays: [1, 2, 3, 5, 7], duration: 'P7D' });
  expect(inQuarantine.variables.site.siteId).toBe(site.id);
  expect((await app.platform.services.db.getRepository(QuarantineSiteEntity).findOneByOrFail({ id: site.id })).occupied).toBe(1);

  const done = await waitFor(app, id, 'completed', undefined, 30_000);
  expect(done.outcome).toBe('released');
  const visited = path(done);
  expect(testedDays(visited)).toEqual([1, 2, 3, 5, 7]);
  expect(visited.slice(-3)).toEqual(['releaseRecord', 'releaseNotice', 'released']);
  expect(await escalationsOf(app, id)).toEqual([]);
  // The place is given back and the release record is numbered.
  expect((await app.platform.services.db.getRepository(QuarantineSiteEntity).findOneByOrFail({ id: site.id })).occupied).toBe(0);
  const record = await app.platform.services.db.getRepository(ReleaseRecordEntity).findOneByOrFail({ caseId: id });
  expect(record).toMatchObject({ kind: 'centralized-quarantine', number: done.variables.release.number });
  expect(record.number).toMatch(/^JC-\d{8}-\d{6}$/);
  const templates = (await noticesOf(app, id)).map((n) => n.template);
  expect(templates).toEqual(['centralized-quarantine', 'released']);
  await recordHistory(app, 'library-arrival-centralized', id);
});

test('严格落实第九版防控方案, medium-risk area: 7 days home quarantine, tests on days 1, 4, 7', async () => {
  const id = await startCase(app, KEY, arrival('medium', 'nowhere', { timeScale: DAY_SCALE }));
  for (let i = 0; i < 4; i++) await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed', undefined, 30_000);
  expect([done.outcome, done.variables.plan]).toEqual(['released', { kind: 'home-quarantine', days: 7, testDays: [1, 4, 7], duration: 'P7D' }]);
  expect(testedDays(path(done))).toEqual([1, 4, 7]);
});

test('a positive result during home quarantine diverts to hospital transfer and an epidemiological investigation', async () => {
  const id = await startCase(app, KEY, arrival('medium', 'nowhere', { timeScale: DAY_SCALE }));
  await sendResult(app, id, 'negative');
  await sendResult(app, id, 'positive');
  await completeTask(app, id, 'investigation', { contacts: 3, summary: 'family' });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('hospital-transfer');
  expect(done.variables.plan.kind).toBe('home-quarantine');
  expect(path(done)).toEqual(expect.arrayContaining(['recordDay', 'dayPositive', 'hospitalSite', 'transfer', 'transferNotice', 'investigation', 'hospitalJoin']));
  expect(path(done)).not.toContain('hospitalFreeSite');
  const transfer = (await noticesOf(app, id)).find((n) => n.template === 'hospital-transfer');
  expect(transfer?.recipient).toEqual({ type: 'group', id: 'designated-hospital' });
});

test('a missed test escalates to the district office and the case carries on to release', async () => {
  const id = await startCase(app, KEY, arrival('low', 'nowhere', { timeScale: DAY_SCALE }));
  await sendResult(app, id, 'negative');
  // No result on day 1: the day-2 decision escalates; the final test on day 3 is taken.
  await waitFor(app, id, 'running', 'finalResult', 30_000);
  const escalations = await escalationsOf(app, id);
  expect(escalations.map((e) => [e.nodeId, e.level, e.reason])).toEqual([['missedTest', 'district-office', 'missed-test']]);
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('released');
  expect(done.variables.plan).toMatchObject({ kind: 'observation', days: 3, testDays: [1, 3] });
  // The escalation's notice reaches the district office (local notifier: recorded as delivered).
  await eventually(async () => ((await noticesOf(app, id)).find((n) => n.template === 'escalation')?.status === 'delivered' ? true : undefined));
});

test('done means: a person from a high-risk area, started through the API, reaches centralized quarantine for the days the rules chose', async () => {
  const site = await siteOfItsOwn(app, 5);
  const listed = await app.api('GET', '/api/processes');
  const keys = (listed.body as { key: string; latestVersion: number | null }[]).filter((p) => p.latestVersion).map((p) => p.key);
  expect(keys).toEqual(expect.arrayContaining(['arrival-screening', 'verification-138', 'cold-chain-closed-loop', 'pharmacy-sentinel', 'key-group-testing', 'school-sickness-absence']));

  // Real durations (no timeScale): the case then waits a real day for the day-1 test result.
  const person = arrival('high', site.district);
  const started = await app.api('POST', '/api/cases', { processKey: KEY, businessKey: person.person.idNumber, input: person });
  expect(started.status).toBe(201);
  const id: string = started.body.caseId;
  expect(id).not.toContain(person.person.idNumber);
  await sendResult(app, id, 'negative');
  const state = await waitFor(app, id, 'running', 'dayResult');
  expect(state.variables.plan).toMatchObject({ kind: 'centralized-quarantine', days: 7, duration: 'P7D' });
  expect(state.variables.site).toMatchObject({ siteId: site.id, district: site.district });
  const decisions = await app.api('GET', `/api/cases/${id}/decisions`);
  const classify = (decisions.body as { nodeId: string; outcome: string; events: { params: { days: number } }[] }[]).find((d) => d.nodeId.startsWith('classify'));
  expect(classify?.outcome).toBe('centralized-quarantine');
  expect(classify?.events[0].params.days).toBe(state.variables.plan.days);
  expect((await caseState(app, id)).variables).not.toHaveProperty('idNumber');
  await app.api('POST', `/api/cases/${id}/cancel`);
});

test('区防控办要时刻关注最新中高风险地区情况: the origin\'s level is read from the risk-area list at decision time, not the one typed in', async () => {
  const site = await siteOfItsOwn(app, 1);
  const [listedCity, expiredCity] = [`listed-${site.id}`, `expired-${site.id}`];
  const current = (await app.api('GET', '/api/rulesets/risk-areas')).body.published.definition as TableRuleSet;
  const edited = structuredClone(current);
  const now = Date.now();
  edited.table.rows.unshift(
    { id: 'listed', cells: [listedCity, now - 3_600_000, now + 86_400_000], outcome: 'high', params: {} },
    { id: 'expired', cells: [expiredCity, now - 86_400_000, now - 3_600_000], outcome: 'high', params: {} },
  );
  await publishRuleSet(app, edited, 'two areas for a test', 'admin');

  // Typed in as no risk, but on the list as high risk: centralized quarantine.
  const listed = await startCase(app, KEY, { ...arrival('none', site.district), origin: { city: listedCity, risk: 'none' } });
  await sendResult(app, listed, 'negative');
  const quarantined = await waitFor(app, listed, 'running', 'dayResult');
  expect([quarantined.variables.listed.outcome, quarantined.variables.plan.kind]).toEqual(['high', 'centralized-quarantine']);
  await app.api('POST', `/api/cases/${listed}/cancel`);

  // An area whose listing has ended: the level typed in stands (no risk, negative landing test: release).
  const expired = await startCase(app, KEY, { ...arrival('none', site.district, { timeScale: DAY_SCALE }), origin: { city: expiredCity, risk: 'none' } });
  await sendResult(app, expired, 'negative');
  const released = await waitFor(app, expired, 'completed');
  expect([released.variables.listed.outcome, released.outcome]).toEqual(['not-listed', 'released']);
});
