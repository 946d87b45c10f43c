/**
 * The seed: "各医疗场所要继续做好发热患者信息登记报告，严格询问、流调和核酸检测等措施" — medical institutions
 * register and report fever patients, inquire, test, and investigate (流调) after a positive result.
 */
import { eventually, useTestApp } from '../support/app';
import { startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, idNumber, libraryReady, noticesOf, sendResult } from './library-support';

const KEY = 'fever-clinic-sentinel';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
/** Twelve hours last a second. */
const SCALE = 1 / 43_200;

const patient = (inquiry: Record<string, boolean> = {}) => ({
  patient: { idNumber: idNumber(), name: '王五', phone: '13700000000' },
  institution: { id: 'hospital-1', name: 'Renmin hospital', district: 'qingjiangpu' },
  temperature: 38.6,
  inquiry,
  timeScale: SCALE,
});

test('发热患者信息登记报告: the patient is registered and reported to the district CDC at once, without personal data in the report; a negative test closes it', async () => {
  const input = patient();
  const id = await startCase(app, KEY, input);
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed');
  expect([done.outcome, done.variables.rule.outcome, done.variables.rule.params.resultHours]).toEqual(['negative', 'routine', 12]);
  const [person] = await app.platform.services.db.query(`SELECT id FROM persons WHERE id_number = $1`, [input.patient.idNumber]);
  expect(person).toBeDefined();
  const report = (await noticesOf(app, id)).find((n) => n.template === 'fever-patient-registered');
  expect(report).toMatchObject({ recipient: { type: 'group', id: 'district-cdc' }, params: { subject: person.id, district: 'qingjiangpu', temperature: 38.6, priority: 'routine' } });
  expect(JSON.stringify(report?.params)).not.toContain(input.patient.idNumber);
  expect(JSON.stringify(report?.params)).not.toContain('王五');
});

test('严格询问: an epidemiological history shortens the result deadline; 核酸检测 positive → reported to the district CDC and 流调', async () => {
  const id = await startCase(app, KEY, patient({ riskAreaTravel: true }));
  await sendResult(app, id, 'positive');
  await completeTask(app, id, 'investigation', { contacts: 4, summary: 'household' });
  const done = await waitFor(app, id, 'completed');
  expect([done.outcome, done.variables.rule.outcome, done.variables.rule.params.resultHours]).toEqual(['investigated', 'urgent', 6]);
  expect(done.variables.investigationReport).toMatchObject({ contacts: 4 });
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason])).toEqual([['district-cdc', 'fever-clinic-positive']]);
});

test('流调 past its deadline is escalated to the district office and carries on; a late result is escalated to the CDC and still taken', async () => {
  const id = await startCase(app, KEY, patient({ caseContact: true }));
  // No result within the 6-hour deadline (half a second here): the CDC is told, and the result is still awaited.
  await eventually(async () => ((await escalationsOf(app, id)).some((e) => e.reason === 'fever-test-result-overdue') ? true : undefined));
  await sendResult(app, id, 'positive');
  // The 24-hour investigation deadline passes (two seconds here).
  await eventually(async () => ((await escalationsOf(app, id)).some((e) => e.reason === 'investigation-overdue') ? true : undefined), 20_000);
  await completeTask(app, id, 'investigation', { contacts: 0 });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('investigated');
  const reasons = (await escalationsOf(app, id)).map((e) => [e.level, e.reason]);
  expect(reasons.slice(0, 3)).toEqual([
    ['district-cdc', 'fever-test-result-overdue'],
    ['district-cdc', 'fever-clinic-positive'],
    ['district-office', 'investigation-overdue'],
  ]);
});
