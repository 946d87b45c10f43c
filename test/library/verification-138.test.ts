import { recordHistory } from '../support/fixtures';
import { eventually, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, idNumber, libraryReady } from './library-support';

const KEY = 'verification-138';
/** An hour of the 1-3-8 deadlines lasts a second. */
const HOUR_SCALE = 1 / 3600;

const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

const flagged = () => ({ person: { idNumber: idNumber() }, pushId: 'push-0909-17', reason: 'itinerary overlap', timeScale: HOUR_SCALE });

async function workThrough(id: string): Promise<void> {
  await completeTask(app, id, 'dispatch', { street: 'Qinghe street' });
  await completeTask(app, id, 'verify', { located: true });
  await completeTask(app, id, 'control', { measure: 'home-quarantine' });
}

test('deadlines come from the rules; work done in time reaches control without escalation', async () => {
  const id = await startCase(app, KEY, flagged());
  await workThrough(id);
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
  // 1 h, 3 h and 8 h from the push, as the verification-138-deadlines rule set says.
  const { pushedAtMs, pushDue, verifyDue, controlDue, hourMs } = done.variables;
  expect([pushDue - pushedAtMs, verifyDue - pushedAtMs, controlDue - pushedAtMs]).toEqual([hourMs, 3 * hourMs, 8 * hourMs]);
  expect(path(done)).toEqual(['start', 'init', 'register', 'deadlines', 'due', 'dispatch', 'toVerify', 'verify', 'toControl', 'control', 'report', 'done']);
  expect(await escalationsOf(app, id)).toEqual([]);
  await recordHistory(app, 'library-verification-138', id);
});

test('a missed deadline escalates to the district office, then the commission, and the work carries on', async () => {
  const id = await startCase(app, KEY, flagged());
  // The push stage stays open past its 1-hour deadline, and past the hour after that.
  const escalations = await eventually(async () => {
    const rows = await escalationsOf(app, id);
    return rows.length >= 2 ? rows.slice(0, 2) : undefined;
  }, 20_000, 'two escalations');
  expect(escalations.map((e) => [e.level, e.reason])).toEqual([
    ['district-office', 'push-overdue'],
    ['supervising-commission', 'push-overdue'],
  ]);
  await workThrough(id);
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
});
