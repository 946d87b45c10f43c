import { recordHistory } from '../support/fixtures';
import { eventually, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, idNumber, libraryReady, noticesOf, sendResult } from './library-support';

const KEY = 'pharmacy-sentinel';
/** With a fever the rules give 24 h to test and remind at 12 h: here one second each 12 h. */
const SCALE = 1 / 43_200;

const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

const sale = (extra: Record<string, unknown> = {}) => ({
  buyer: { idNumber: idNumber(), name: '李四', phone: '13900000000' },
  pharmacy: { id: 'ph-017', name: 'Renmin pharmacy', district: 'qingjiangpu' },
  drugClass: 'fever',
  buyerHasFever: true,
  timeScale: SCALE,
  ...extra,
});

test('the buyer tests within the deadline the rules set: cleared', async () => {
  const id = await startCase(app, KEY, sale());
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('cleared');
  expect(done.variables.rule.params).toMatchObject({ deadlineHours: 24, reminderHours: 12 });
  expect((await noticesOf(app, id)).map((n) => n.template)).toEqual(['sentinel-test-required']);
  await recordHistory(app, 'library-pharmacy-sentinel', id);
});

test('a positive result is reported to the district CDC', async () => {
  const id = await startCase(app, KEY, sale());
  await sendResult(app, id, 'positive');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('positive');
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason])).toEqual([['district-cdc', 'sentinel-positive']]);
});

test('an overdue buyer gets a reminder, then goes to the community; the case goes on to the result', async () => {
  const id = await startCase(app, KEY, sale());
  await completeTask(app, id, 'community', { contacted: true });
  const escalations = await escalationsOf(app, id);
  expect(escalations.map((e) => [e.level, e.reason])).toEqual([['community', 'sentinel-test-overdue']]);
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('cleared');
  expect(path(done)).toEqual(expect.arrayContaining(['firstWait', 'remind', 'secondWait', 'overdue', 'community', 'lateWait', 'record']));
  await eventually(async () => ((await noticesOf(app, id)).every((n) => n.status === 'delivered') ? true : undefined));
  expect((await noticesOf(app, id)).map((n) => n.template)).toEqual(['sentinel-test-required', 'sentinel-test-reminder', 'escalation']);
});

test('登记购买四类药品的人员信息: only buyers of the four classes are registered; a sale of another drug is refused with its personal data', async () => {
  const other = sale({ drugClass: 'other' });
  const res = await app.api('POST', '/api/cases', { processKey: KEY, input: other });
  expect(res.status).toBe(422);
  expect(JSON.stringify(res.body.error.problems)).toContain('drugClass');
  const buyer = (other.buyer as { idNumber: string }).idNumber;
  expect(await app.platform.services.db.query(`SELECT id FROM persons WHERE id_number = $1`, [buyer])).toEqual([]);
  // Each of 四类药品 (退热、止咳、抗病毒、抗菌素类) is: the buyer is registered, then told the deadline.
  for (const drugClass of ['fever', 'cough', 'antiviral', 'antibiotic']) {
    const id = await startCase(app, KEY, sale({ drugClass, buyerHasFever: false }));
    const waiting = await waitFor(app, id, 'running', 'firstWait');
    expect([drugClass, waiting.variables.rule.params.deadlineHours, path(waiting).slice(2, 5)]).toEqual([drugClass, 48, ['deadline', 'register', 'book']]);
    await app.api('POST', `/api/cases/${id}/cancel`);
  }
});
