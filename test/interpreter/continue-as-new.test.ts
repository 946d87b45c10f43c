import { eventually, uniqueKey, useTestApp } from '../support/app';
import { recordHistory } from '../support/fixtures';
import { caseState, publish, startCase, waitFor } from '../support/processes';

const app = useTestApp();

test('a long loop (event-driven) continues as new before its history grows large, carrying its variables and position', async () => {
  const key = uniqueKey('loop');
  const historyLimit = 200;
  const LOOPS = 200;
  await publish(app, {
    key,
    name: { zh: '循环', en: 'Loop' },
    settings: { historyLimit },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'tick', type: 'event', event: 'tick', output: 'last' },
      { id: 'count', type: 'assign', assign: { n: '$exists(n) ? n + 1 : 1' } },
      { id: 'more', type: 'gateway' },
      { id: 'end', type: 'end', outcome: 'looped' },
    ],
    edges: [
      { id: 'a', from: 'start', to: 'tick' },
      { id: 'b', from: 'tick', to: 'count' },
      { id: 'c', from: 'count', to: 'more' },
      { id: 'd', from: 'more', to: 'end', condition: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: LOOPS }] } },
      { id: 'e', from: 'more', to: 'tick', default: true },
    ],
  });
  const id = await startCase(app, key);
  // Within a burst, events queue up in the case faster than it consumes them: the queue must survive
  // each continue-as-new. Between bursts the case catches up, so its history grows by at least 12 events
  // a burst whatever the worker batches into one task (10 signals and a task's own events): 20 bursts pass
  // the limit of 200 (the least the schema allows) whatever the machine's speed.
  const BURST = 10;
  for (let i = 1; i <= LOOPS; i++) {
    expect((await app.api('POST', `/api/cases/${id}/events/tick`, { payload: i })).status).toBe(202);
    if (i % BURST === 0 && i < LOOPS) await eventually(async () => ((await caseState(app, id)).variables.n === i ? true : undefined), 30_000, `n = ${i}`);
  }
  const s = await waitFor(app, id, 'completed', undefined, 60_000);
  expect(s.variables.n).toBe(LOOPS);
  expect(s.variables.last).toBe(LOOPS);
  expect(s.run).toBeGreaterThan(1);
  expect(s.history.length).toBeLessThanOrEqual(200);
  expect(s.historyDropped).toBeGreaterThan(0);

  const runs = await eventually(async () => {
    const found: string[] = [];
    for await (const wf of app.client.workflow.list({ query: `WorkflowId = '${id}'` })) found.push(wf.runId);
    return found.length === s.run ? found : undefined;
  });
  for (const runId of runs) {
    const history = await app.client.workflow.getHandle(id, runId).fetchHistory();
    // The check runs between nodes, so a run may pass the limit by one task's worth of events: at most a burst.
    expect(history.events!.length).toBeLessThan(historyLimit + 40);
  }
  await recordHistory(app, 'continue-as-new-loop', id);
  // 20 bursts, each waited for: a loaded cluster took more than a minute.
}, 180_000);
