import { AuditEntity } from '../../engine/audit/audit.entity';
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { rootId } from '../../engine/orgunits/case-unit';
import { TaskEntity } from '../../engine/tasks/task.entity';
import { recordHistory } from '../support/fixtures';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, idNumber, libraryReady, noticesOf } from './library-support';

const KEY = 'verification-138';
/** An hour of the 1-3-8 deadlines lasts a second. */
const HOUR_SCALE = 1 / 3600;

const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

/**
 * Work done at once, in a case whose hour lasts half a minute: with an hour of one second, a loaded
 * CI machine took longer than that to complete the first task, and the case took the overdue path.
 */
const IN_TIME_SCALE = 30 / 3600;

/** The ladder steps the case's stages took, in order, as its case log has them: `<node>: step <n>`. */
async function ladderSteps(caseId: string): Promise<string[]> {
  const lines = await app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId }, order: { id: 'ASC' } });
  return lines.filter((l) => l.message.startsWith('deadline ladder step')).map((l) => `${l.nodeId}: ${l.message.split(' (')[0].replace('deadline ladder ', '')}`);
}

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
  expect(await ladderSteps(id)).toEqual([]);
  await recordHistory(app, 'library-verification-138', id);
});

test('a missed deadline climbs the stage\'s ladder: overdue, priority up and the district office told, then the district headquarters (指挥部); the work carries on', async () => {
  // Members of the two groups in the city's unit, where cases started by the administrator belong.
  const sfx = uniqueKey('v138').slice(5);
  const root = await rootId(app.platform.services.db);
  const office = app.as(`office-${sfx}`, { roles: ['operator'], orgUnits: [root], groups: ['district-office'] });
  const headquarters = app.as(`hq-${sfx}`, { roles: ['operator'], orgUnits: [root], groups: ['district-headquarters'] });
  for (const caller of [office, headquarters]) await caller.headers();
  const id = await startCase(app, KEY, flagged());
  // The push stage stays open past its 1-hour deadline, and past the hour after that.
  const taskId = `${id}:dispatch:1`;
  const tasks = app.platform.services.db.getRepository(TaskEntity);
  await eventually(async () => ((await tasks.findOneBy({ id: taskId }))?.ladderStepsTaken === 2 ? true : undefined), 20_000, 'two ladder steps');
  const audited = await app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'task', key: taskId, action: 'ladder_step' }, order: { id: 'ASC' } });
  expect(audited.map((r) => (r.detail as { actions: { do: string; to?: unknown }[] }).actions)).toEqual([
    [{ do: 'markOverdue' }, { do: 'raisePriority', to: 5 }, { do: 'notify', to: { duty: 'district-office' } }],
    [{ do: 'raisePriority', to: 9 }, { do: 'notify', to: { group: 'district-headquarters' } }],
  ]);
  expect(await tasks.findOneByOrFail({ id: taskId })).toMatchObject({ status: 'open', overdue: true, priority: 9, groupName: 'district-office' });
  const told = (await noticesOf(app, id)).filter((n) => n.template === 'ladder-step' && [`office-${sfx}`, `hq-${sfx}`].includes(n.recipient.id));
  expect(told.map((n) => [n.recipient.id, (n.params as { nodeId: string; step: number }).nodeId, (n.params as { step: number }).step])).toEqual(
    expect.arrayContaining([
      [`office-${sfx}`, 'dispatch', 1],
      [`hq-${sfx}`, 'dispatch', 2],
    ]),
  );
  await workThrough(id);
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
  expect((await ladderSteps(id)).slice(0, 2)).toEqual(['dispatch: step 1', 'dispatch: step 2']);
});

test('自下而上摸排报备: a town\'s own report is filed with the district office and goes straight to 区公安分局\'s verification, then control', async () => {
  const id = await startCase(app, KEY, { ...flagged(IN_TIME_SCALE), direction: 'bottom-up', pushId: 'qinghe-report-0910-3', district: 'qingjiangpu' });
  const verify = await eventually(async () => ((await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(id)}&status=open`)).body as { nodeId: string; groupName: string }[])[0]);
  expect(verify).toMatchObject({ nodeId: 'verify', groupName: 'district-public-security' });
  await completeTask(app, id, 'verify', { located: true });
  await completeTask(app, id, 'control', { measure: 'home-health-monitoring' });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('controlled');
  expect(path(done)).toEqual(['start', 'init', 'register', 'deadlines', 'due', 'directionGate', 'filed', 'toVerify', 'verify', 'toControl', 'control', 'report', 'done']);
  const filed = (await noticesOf(app, id)).find((n) => n.template === 'bottom-up-report');
  expect(filed).toMatchObject({ recipient: { type: 'group', id: 'district-office' }, params: { pushId: 'qinghe-report-0910-3', district: 'qingjiangpu' } });
  expect(await ladderSteps(id)).toEqual([]);
});
