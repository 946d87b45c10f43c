/**
 * The seed: "区商务局、市场监管局、文广旅游局等行业主管部门要严格落实监管责任，强化巡查检查，督促商超、宾馆等经营者……
 * 严格落实'健康码''行程卡'查验工作，重点场所员工要落实'一天一检'".
 */
import { eventually, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, libraryReady, noticesOf } from './library-support';

const KEY = 'venue-inspection';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
/** The rules give 24 hours to rectify: here about a second. */
const SCALE = 1 / 86_400;
const venue = (type: string) => ({ venue: { id: `v-${type}`, name: type, type, district: 'qingjiangpu' }, timeScale: SCALE });

async function openTaskOf(caseId: string) {
  return eventually(async () => ((await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(caseId)}&status=open`)).body as { nodeId: string; groupName: string }[])[0]);
}

test.each([
  ['商超', 'supermarket', 'district-commerce-bureau'],
  ['宾馆', 'hotel', 'district-commerce-bureau'],
  ['景区', 'scenic-area', 'district-culture-tourism-bureau'],
  ['电影院', 'cinema', 'district-culture-tourism-bureau'],
  ['农贸市场', 'market', 'district-market-supervision'],
])('行业主管部门: a %s (%s) is inspected by %s; all staff tested today and codes checked: compliant', async (_zh, type, department) => {
  const id = await startCase(app, KEY, venue(type));
  expect((await openTaskOf(id)).groupName).toBe(department);
  await completeTask(app, id, (await openTaskOf(id)).nodeId, { staffTotal: 20, staffTestedToday: 20, codeCheck: true });
  expect((await waitFor(app, id, 'completed')).outcome).toBe('compliant');
});

test('重点场所员工要落实“一天一检”: a hotel with staff untested today is ordered to rectify, and still failing is reported to the district office', async () => {
  const id = await startCase(app, KEY, venue('hotel'));
  await completeTask(app, id, 'inspectCommerce', { staffTotal: 20, staffTestedToday: 17, codeCheck: true });
  const order = await eventually(async () => (await noticesOf(app, id)).find((n) => n.template === 'venue-rectification'));
  expect(order).toMatchObject({ recipient: { type: 'group', id: 'venue:v-hotel' }, params: { hours: 24, from: 'district-commerce-bureau' } });
  // The rectification period passes and the commerce bureau inspects again: codes are no longer checked.
  await completeTask(app, id, 'inspectCommerce', { staffTotal: 20, staffTestedToday: 20, codeCheck: false });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('reported');
  expect(path(done).filter((n) => n === 'inspectCommerce')).toHaveLength(2);
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason, e.details])).toEqual([
    ['district-office', 'venue-inspection-failed', { district: 'qingjiangpu', venueType: 'hotel', department: 'district-commerce-bureau', staffTotal: 20, staffTestedToday: 20, codeCheck: false }],
  ]);
});
