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

test('a drug outside the four classes needs no test', async () => {
  const done = await waitFor(app, await startCase(app, KEY, sale({ drugClass: 'other' })), 'completed');
  expect(done.outcome).toBe('no-test-required');
});
