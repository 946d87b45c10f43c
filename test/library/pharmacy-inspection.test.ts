/**
 * The seed: "区市场监管局要加强监督检查，督促零售药店按规定登记购买四类药品的人员信息，确保信息可溯源" —
 * the district market-supervision bureau inspects pharmacies and follows up those that fail to register.
 */
import { eventually, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, escalationsOf, libraryReady, noticesOf } from './library-support';

const KEY = 'pharmacy-registration-inspection';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
/** The rules give 24 hours to rectify: here about a second. */
const pharmacy = { pharmacy: { id: 'ph-017', name: 'Renmin pharmacy', district: 'qingjiangpu' }, timeScale: 1 / 86_400 };

test('区市场监管局 inspects: every four-class sale registered and traceable closes the case', async () => {
  const id = await startCase(app, KEY, pharmacy);
  await completeTask(app, id, 'inspect', { salesChecked: 12, registered: 12, traceable: true });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('compliant');
  expect(await escalationsOf(app, id)).toEqual([]);
});

test('督促零售药店按规定登记: unregistered sales order a rectification, and the bureau inspects again', async () => {
  const id = await startCase(app, KEY, pharmacy);
  const task = await eventually(async () => ((await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(id)}&status=open`)).body as Record<string, unknown>[])[0]);
  expect(task).toMatchObject({ nodeId: 'inspect', groupName: 'district-market-supervision' });
  await completeTask(app, id, 'inspect', { salesChecked: 12, registered: 9, traceable: true });
  // After the rectification period, the same bureau's second inspection finds it fixed.
  await waitFor(app, id, 'running', 'inspect');
  await completeTask(app, id, 'inspect', { salesChecked: 10, registered: 10, traceable: true });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('compliant');
  expect(path(done).filter((n) => n === 'inspect')).toHaveLength(2);
  const order = (await noticesOf(app, id)).find((n) => n.template === 'pharmacy-rectification');
  expect(order).toMatchObject({ recipient: { type: 'group', id: 'pharmacy:ph-017' }, params: { hours: 24, from: 'district-market-supervision' } });
});

test('确保信息可溯源: untraceable registrations still so after a rectification are reported to the district office', async () => {
  const id = await startCase(app, KEY, pharmacy);
  await completeTask(app, id, 'inspect', { salesChecked: 5, registered: 5, traceable: false });
  await waitFor(app, id, 'running', 'inspect');
  await completeTask(app, id, 'inspect', { salesChecked: 5, registered: 5, traceable: false });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('reported');
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason, e.details])).toEqual([
    ['district-office', 'pharmacy-registration-failed', { district: 'qingjiangpu', salesChecked: 5, registered: 5, traceable: false }],
  ]);
});
