import { TraceCodeEntity } from '../../domain/coldchain/trace-code.entity';
import { recordHistory } from '../support/fixtures';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { path, startCase, waitFor } from '../support/processes';
import { completeTask, DAY_SCALE, escalationsOf, libraryReady, sendResult } from './library-support';

const KEY = 'cold-chain-closed-loop';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

const batch = () => ({ batchId: uniqueKey('batch'), product: 'frozen shrimp', originCountry: 'EC', importer: 'Huai an Foods', warehouse: 'W-3', timeScale: DAY_SCALE });

test('a negative, disinfected batch is released with a unique trace code', async () => {
  const input = batch();
  const id = await startCase(app, KEY, input);
  await sendResult(app, id, 'negative');
  await completeTask(app, id, 'disinfect', { certificateNo: 'XD-2021-0917' });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('released');
  expect(done.variables.verdict.outcome).toBe('release');
  const trace = await app.platform.services.db.getRepository(TraceCodeEntity).findOneByOrFail({ batchId: input.batchId });
  expect(done.variables.trace.code).toBe(trace.code);
  expect(trace.code).toMatch(/^CC-\d{8}-[0-9A-HJKMNP-TV-Z]{10}$/);
  expect(await escalationsOf(app, id)).toEqual([]);
  await recordHistory(app, 'library-cold-chain', id);
});

test('a positive batch is sealed and destroyed and its contacts traced, with market supervision told', async () => {
  const id = await startCase(app, KEY, batch());
  await sendResult(app, id, 'positive');
  await completeTask(app, id, 'disinfect', { certificateNo: 'XD-2021-0918' });
  await completeTask(app, id, 'sealDestroy', { destroyedAt: '2021-09-18T10:00:00+08:00' });
  await completeTask(app, id, 'traceContacts', { contacts: 4 });
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('destroyed');
  expect(path(done)).not.toContain('traceCode');
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason])).toEqual([['market-supervision', 'positive-batch']]);
});

test('overdue disinfection escalates while the batch stays held; an invalid sample is re-tested; the batch is then released', async () => {
  const id = await startCase(app, KEY, batch());
  await sendResult(app, id, 'invalid');
  // Disinfection is due in 12 hours (half a second here): the escalation runs beside the open task.
  const overdue = await eventually(async () => (await escalationsOf(app, id)).find((e) => e.reason === 'disinfection-overdue'), 20_000, 'the escalation');
  expect(overdue.level).toBe('market-supervision');
  await completeTask(app, id, 'disinfect', { certificateNo: 'XD-2021-0919' });
  await waitFor(app, id, 'running', 'resampleResult', 20_000);
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('released');
  expect(path(done)).toEqual(expect.arrayContaining(['recheckWait', 'resample', 'recordResample']));
});
