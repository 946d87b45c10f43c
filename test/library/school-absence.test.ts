import { recordHistory } from '../support/fixtures';
import { eventually, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, DAY_SCALE, escalationsOf, idNumber, libraryReady, sendResult } from './library-support';

const KEY = 'school-sickness-absence';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

/**
 * A day lasts 30 s in the cases that must not go overdue: at a day a second, a machine slow to open
 * the follow-up task let its 24-hour deadline pass before the test completed it.
 */
const UNHURRIED = 30 * DAY_SCALE;

const absence = (timeScale = UNHURRIED) => ({
  pupil: { idNumber: idNumber(), name: '王小明' },
  school: { id: 'sch-12', name: 'Qinghe primary school', district: 'qingjiangpu' },
  className: '3-2',
  reason: 'cough',
  timeScale,
});

test('no fever: the school doctor clears the pupil to return', async () => {
  const id = await startCase(app, KEY, absence());
  await completeTask(app, id, 'followUp', { fever: false, symptoms: 'mild cough' });
  await completeTask(app, id, 'clearance', { cleared: true });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('returned');
  expect(path(done)).not.toContain('test');
  await recordHistory(app, 'library-school-absence', id);
});

test('fever and a positive test: reported to the district CDC and investigated', async () => {
  const id = await startCase(app, KEY, absence());
  await completeTask(app, id, 'followUp', { fever: true });
  await sendResult(app, id, 'positive');
  await completeTask(app, id, 'investigation', { contacts: 31 });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('positive');
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason])).toEqual([['district-cdc', 'school-positive']]);
});

test('an overdue follow-up escalates to the community health centre and the follow-up still counts', async () => {
  const id = await startCase(app, KEY, absence(DAY_SCALE));
  // The follow-up is due within a day (a second here).
  const escalation = await eventually(async () => (await escalationsOf(app, id))[0], 20_000, 'the escalation');
  expect(escalation).toMatchObject({ level: 'community-health-centre', reason: 'absence-follow-up-overdue', nodeId: 'followUpOverdue' });
  await completeTask(app, id, 'followUp', { fever: true });
  await sendResult(app, id, 'negative');
  await completeTask(app, id, 'clearance', { cleared: true });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('returned');
});

test('落实师生……因病缺勤登记制度: a teacher\'s absence is registered and followed up as a pupil\'s is', async () => {
  const { pupil, ...rest } = absence();
  const id = await startCase(app, KEY, { ...rest, staff: { idNumber: pupil.idNumber, name: '李老师' } });
  await completeTask(app, id, 'followUp', { fever: false });
  await completeTask(app, id, 'clearance', { cleared: true });
  const done = await waitFor(app, id, 'completed');
  expect([done.outcome, done.variables.role]).toEqual(['returned', 'staff']);
  const [registration] = await app.platform.services.db.query(`SELECT details FROM registrations WHERE case_id = $1`, [id]);
  expect(registration.details).toMatchObject({ role: 'staff', schoolId: 'sch-12' });
});

test('one absent person per case: a pupil and a staff member together, or neither, are refused', async () => {
  const { pupil, ...rest } = absence();
  for (const input of [{ ...rest, pupil, staff: pupil }, rest]) {
    const res = await app.api('POST', '/api/cases', { processKey: KEY, input });
    expect(res.status).toBe(422);
  }
});
