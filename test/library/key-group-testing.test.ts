import { eventually, useTestApp } from '../support/app';
import { startCase, waitFor } from '../support/processes';
import { escalationsOf, idNumber, libraryReady, noticesOf, sendResult } from './library-support';

const KEY = 'key-group-testing';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });

const member = (extra: Record<string, unknown>) => ({ person: { idNumber: idNumber() }, group: 'port-worker', ...extra });

/** Event counts of every run of the case, first to last, read from Temporal (visibility lists the continued runs). */
async function runHistorySizes(workflowId: string, runs: number): Promise<number[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const executions = [];
    for await (const e of app.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) executions.push(e);
    if (executions.length >= runs || Date.now() > deadline) {
      executions.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      const sizes = [];
      for (const e of executions) sizes.push((await app.client.workflow.getHandle(workflowId, e.runId).fetchHistory()).events?.length ?? 0);
      return sizes;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('300 test periods: the case continues as new, and each run stays under 2,000 history events', async () => {
  // A period lasts 24 hours for port workers (24 s here); each result starts the next period at once.
  const id = await startCase(app, KEY, member({ maxCycles: 300, timeScale: 1 / 3600 }));
  for (let i = 0; i < 300; i++) await sendResult(app, id, 'negative');
  // 300 periods take about a minute on a quiet machine; a loaded one took more than two.
  const done = await waitFor(app, id, 'completed', undefined, 300_000);
  expect(done.outcome).toBe('schedule-complete');
  expect(done.variables.cycle).toBe(300);
  expect(await escalationsOf(app, id)).toEqual([]);
  const sizes = await runHistorySizes(id, done.run);
  expect(sizes).toHaveLength(done.run);
  // Continued as new at least once; how many runs depends on how the worker batched the events
  // (6 and 5 were both seen for the same 300 periods), the bound on each run is what matters.
  expect(sizes.length).toBeGreaterThan(1);
  expect(Math.max(...sizes)).toBeLessThan(2000);
  process.stdout.write(`[key-group] 300 periods in ${sizes.length} runs; history events per run: max ${Math.max(...sizes)}, ${sizes.join(' ')}\n`);
}, 420_000);

test('a period without a result: reminder, then escalation to the community, and the schedule carries on', async () => {
  // Periods of 24 ms and an overdue limit of 12 ms: the dev server fires them after about a second each.
  const id = await startCase(app, KEY, member({ maxCycles: 2, timeScale: 1 / 3_600_000 }));
  const first = await eventually(async () => (await escalationsOf(app, id))[0], 20_000, 'the escalation');
  expect(first).toMatchObject({ level: 'community', reason: 'routine-test-overdue', details: { cycle: 1, group: 'port-worker' } });
  await sendResult(app, id, 'negative');
  const done = await waitFor(app, id, 'completed', undefined, 20_000);
  expect(done.outcome).toBe('schedule-complete');
  expect((await noticesOf(app, id)).map((n) => n.template).slice(0, 3)).toEqual(['key-group-enrolled', 'routine-test-due', 'escalation']);
}, 60_000);

test('a positive result is reported to the district CDC and ends the schedule', async () => {
  const id = await startCase(app, KEY, member({ maxCycles: 5, timeScale: 1 / 3600 }));
  await sendResult(app, id, 'negative');
  await sendResult(app, id, 'positive');
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('positive');
  expect(done.variables.cycle).toBe(1);
  expect((await escalationsOf(app, id)).map((e) => [e.level, e.reason])).toEqual([['district-cdc', 'routine-positive']]);
});
