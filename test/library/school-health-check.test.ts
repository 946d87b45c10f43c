/**
 * The seed: "落实师生日常健康监测" — each school reports its daily health check of pupils and staff;
 * a school day without its report is a missing check-in, escalated with the school and the day.
 */
import { useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { escalationsOf, libraryReady } from './library-support';

const KEY = 'school-daily-health-check';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
/** A day lasts four seconds, so the 12-hour report deadline is two. */
const SCALE = 4000 / 86_400_000;

async function report(caseId: string, payload: Record<string, unknown>) {
  const res = await app.api('POST', `/api/cases/${caseId}/events/health-check`, { payload });
  expect(res.status).toBe(202);
}

test('落实师生日常健康监测: no report due on Sunday, Monday\'s taken (a stale one for Sunday does not stand for it), Tuesday\'s missing one escalated', async () => {
  const school = { id: 'sch-31', name: 'Qinghe primary school', district: 'qingjiangpu' };
  const id = await startCase(app, KEY, { school, firstWeekday: 7, maxDays: 3, timeScale: SCALE });
  // Reports queue until a wait takes them: Monday's wait takes the stale one first, counts it late, then its own.
  await report(id, { day: 1, pupilsChecked: 470, staffChecked: 40, withFever: 0, absentSick: 2 });
  await report(id, { day: 2, pupilsChecked: 480, staffChecked: 41, withFever: 1, absentSick: 3 });
  const done = await waitFor(app, id, 'completed', undefined, 40_000);
  expect([done.outcome, done.variables.missed, done.variables.lateReports]).toEqual(['finished', 1, 1]);
  expect(path(done).filter((n) => n === 'schedule')).toHaveLength(3);
  expect(done.variables.report).toMatchObject({ day: 2, pupilsChecked: 480, withFever: 1, absentSick: 3 });
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason, e.details])).toEqual([
    ['district-office', 'health-check-missing', { schoolId: 'sch-31', district: 'qingjiangpu', day: 3 }],
  ]);
}, 60_000);
