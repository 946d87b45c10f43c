import { AuditEntity } from '../../engine/audit/audit.entity';
import { CaseLogEntity } from '../../engine/caselog/case-log.entity';
import { stateQuery } from '../../workflows/messages';
import { recordHistory } from '../support/fixtures';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { caseState, path, startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, idNumber, libraryReady, noticesOf, sendResult } from './library-support';

const KEY = 'pharmacy-sentinel';
/** With a fever the rules give 24 h to test and remind at 12 h: here one second each 12 h. */
const SCALE = 1 / 43_200;

const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
const suffix = uniqueKey('ps').slice(3);
const UNIT = 'qingjiangpu';

const caseLog = (caseId: string) => app.platform.services.db.getRepository(CaseLogEntity).find({ where: { caseId } });
/** The ladder steps the case's waits took, as the audit trail has them. */
const ladderSteps = (caseId: string) => app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'case', key: caseId, action: 'ladder_step' }, order: { id: 'ASC' } });

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

test('an untested buyer is reminded, then at the deadline the wait\'s ladder starts the community follow-up as a linked case, which escalates to the community on duty; the case goes on to the result', async () => {
  const community = app.as(`community-${suffix}`, { roles: ['operator'], orgUnits: [UNIT], groups: ['community'] });
  await community.headers();
  const id = await startCase(app, KEY, sale(), { orgUnit: UNIT });
  // With a fever the rules give 24 h (two seconds here) from the sale; the reminder came at 12 h.
  const step = await eventually(async () => (await ladderSteps(id))[0], 60_000, 'the ladder step');
  const waiting = await caseState(app, id);
  expect(path(waiting)).toEqual(expect.arrayContaining(['firstWait', 'remind', 'secondWait']));
  // The ladder's scale is the case's hour (hourMs, rounded to whole milliseconds) over a real one.
  const due = (waiting.variables.soldAtMs as number) + 24 * (waiting.variables.hourMs as number);
  expect(step.detail).toMatchObject({ nodeId: 'secondWait', step: 1, at: new Date(due).toISOString(), actions: [{ do: 'startSubprocess', process: 'pharmacy-sentinel-follow-up' }] });
  // It fires at its time, not before.
  expect(step.at.getTime()).toBeGreaterThanOrEqual(due);

  // The follow-up is a case of its own, with the buyer and the pharmacy: it escalates, and its community task is completed like any other.
  const visit = waiting.history.find((h: { nodeId: string }) => h.nodeId === 'secondWait').visit;
  const followUp = `${id}.secondWait.${visit}.ladder1-1`;
  const linked = await eventually(() => app.client.workflow.getHandle(followUp).query(stateQuery).catch(() => undefined), 30_000, 'the follow-up');
  expect(linked).toMatchObject({ processKey: 'pharmacy-sentinel-follow-up', variables: { pharmacy: { id: 'ph-017' }, drugClass: 'fever', deadlineHours: 24, escalateTo: 'community' } });
  // Read through the API as any case of the street: with its parent, its task under its own process.
  expect((await community.api('GET', `/api/cases/${followUp}`)).body).toMatchObject({ processKey: 'pharmacy-sentinel-follow-up', parentCaseId: id, orgUnit: UNIT });
  expect((await caseState(app, id)).linkedCases.map((c: { caseId: string }) => c.caseId)).toEqual([followUp]);
  const inbox = await eventually(async () => {
    const tasks = (await community.api('GET', `/api/tasks?processKey=pharmacy-sentinel-follow-up&caseId=${encodeURIComponent(followUp)}`)).body as { nodeId: string }[];
    return tasks.length ? tasks : undefined;
  }, 30_000, "the follow-up's task under its own process");
  expect(inbox.map((t) => t.nodeId)).toEqual(['community']);
  await completeTask(community, followUp, 'community', { contacted: true });
  expect(await app.client.workflow.getHandle(followUp).result()).toMatchObject({ outcome: 'followed-up' });
  expect((await escalationsOf(app, followUp)).map((e) => [e.level, e.reason])).toEqual([['community', 'sentinel-test-overdue']]);
  await eventually(async () => ((await noticesOf(app, followUp)).some((n) => n.template === 'escalation') ? true : undefined), 30_000, 'the escalation notice');

  // The sentinel case waited on meanwhile: the result still closes it.
  expect((await caseState(app, id)).status).toBe('running');
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('cleared');
  expect(path(done)).toEqual(expect.arrayContaining(['firstWait', 'remind', 'secondWait', 'record']));
  expect((await noticesOf(app, id)).map((n) => n.template)).toEqual(['sentinel-test-required', 'sentinel-test-reminder']);
  expect(await escalationsOf(app, id)).toEqual([]);  await recordHistory(app, 'library-pharmacy-sentinel-ladder', id);
});

test('a result after the reminder but before the deadline stops the ladder: no follow-up starts', async () => {
  // An hour lasts a second: reminded at 12 s, due at 24 s.
  const id = await startCase(app, KEY, sale({ timeScale: 1 / 3600 }), { orgUnit: UNIT });
  await waitFor(app, id, 'running', 'secondWait', 60_000);
  await sendResult(app, id, 'negative');
  await waitFor(app, id, 'completed');
  expect(await ladderSteps(id)).toEqual([]);
  expect(await app.platform.services.db.query(`SELECT case_id FROM case_projection WHERE parent_id = $1`, [id])).toEqual([]);
  expect((await caseLog(id)).filter((l) => l.message.startsWith('deadline ladder'))).toEqual([]);
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
