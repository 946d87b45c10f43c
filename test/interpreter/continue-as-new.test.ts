import { eventually, uniqueKey, useTestApp } from '../support/app';
import { recordHistory } from '../support/fixtures';
import { publish, startCase, waitFor } from '../support/processes';

const app = useTestApp();

test('a long loop (event-driven) continues as new before its history grows large, carrying its variables and position', async () => {
  const key = uniqueKey('loop');
  const historyLimit = 200;
  const LOOPS = 120;
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
  // Events queue up in the case faster than it consumes them: the queue must survive each continue-as-new.
  for (let i = 1; i <= LOOPS; i++) expect((await app.api('POST', `/api/cases/${id}/events/tick`, { payload: i })).status).toBe(202);
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
    // The check runs between nodes, so a run may pass the limit by one loop's worth of events.
    expect(history.events!.length).toBeLessThan(historyLimit + 40);
  }
  await recordHistory(app, 'continue-as-new-loop', id);
});
