import { recordHistory } from '../support/fixtures';
import { eventually, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, idNumber, libraryReady, noticesOf } from './library-support';

const KEY = 'verification-138';
/** An hour of the 1-3-8 deadlines lasts a second. */
const HOUR_SCALE = 1 / 3600;

const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

/**
 * Work done at once, in a case whose hour lasts half a minute: with an hour of one second, a loaded
 * CI machine took longer than that to complete the first task, and the case took the overdue path.
 */
const IN_TIME_SCALE = 30 / 3600;

const flagged = (timeScale = HOUR_SCALE) => ({ person: { idNumber: idNumber() }, pushId: 'push-0909-17', reason: 'itinerary overlap', timeScale });

async function workThrough(id: string): Promise<void> {
  await completeTask(app, id, 'dispatch', { street: 'Qinghe street' });
  await completeTask(app, id, 'verify', { located: true });
  await completeTask(app, id, 'control', { measure: 'home-quarantine' });
}

test('deadlines come from the rules; work done in time reaches control without escalation', async () => {
  const id = await startCase(app, KEY, flagged(IN_TIME_SCALE));
  await workThrough(id);
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
  // 1 h, 3 h and 8 h from the push, as the verification-138-deadlines rule set says.
  const { pushedAtMs, pushDue, verifyDue, controlDue, hourMs } = done.variables;
  expect([pushDue - pushedAtMs, verifyDue - pushedAtMs, controlDue - pushedAtMs]).toEqual([hourMs, 3 * hourMs, 8 * hourMs]);
  expect(path(done)).toEqual(['start', 'init', 'register', 'deadlines', 'due', 'directionGate', 'dispatch', 'toVerify', 'verify', 'toControl', 'control', 'report', 'done']);
  expect(await escalationsOf(app, id)).toEqual([]);
  await recordHistory(app, 'library-verification-138', id);
});

test('a missed deadline escalates to the district office, then the district headquarters (指挥部), and the work carries on', async () => {
  const id = await startCase(app, KEY, flagged());
  // The push stage stays open past its 1-hour deadline, and past the hour after that.
  const escalations = await eventually(async () => {
    const rows = await escalationsOf(app, id);
    return rows.length >= 2 ? rows.slice(0, 2) : undefined;
  }, 20_000, 'two escalations');
  expect(escalations.map((e) => [e.level, e.reason])).toEqual([
    ['district-office', 'push-overdue'],
    ['district-headquarters', 'push-overdue'],
  ]);
  await workThrough(id);
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
});

test('自下而上摸排报备: a town\'s own report is filed with the district office and goes straight to 区公安分局\'s verification, then control', async () => {
  const id = await startCase(app, KEY, { ...flagged(), direction: 'bottom-up', pushId: 'qinghe-report-0910-3', district: 'qingjiangpu' });
  const verify = await eventually(async () => ((await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(id)}&status=open`)).body as { nodeId: string; groupName: string }[])[0]);
  expect(verify).toMatchObject({ nodeId: 'verify', groupName: 'district-public-security' });
  await completeTask(app, id, 'verify', { located: true });
  await completeTask(app, id, 'control', { measure: 'home-health-monitoring' });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
  expect(path(done)).toEqual(['start', 'init', 'register', 'deadlines', 'due', 'directionGate', 'filed', 'toVerify', 'verify', 'toControl', 'control', 'report', 'done']);
  const filed = (await noticesOf(app, id)).find((n) => n.template === 'bottom-up-report');
  expect(filed).toMatchObject({ recipient: { type: 'group', id: 'district-office' }, params: { pushId: 'qinghe-report-0910-3', district: 'qingjiangpu' } });
  expect(await escalationsOf(app, id)).toEqual([]);
});
