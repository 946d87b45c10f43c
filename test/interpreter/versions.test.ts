import { recordHistory } from '../support/fixtures';
import { uniqueKey, useTestApp } from '../support/app';
import { chain, forkJoin, path, publish, startCase, waitFor } from '../support/processes';
import type { ProcessDefinition } from '../../workflows/definition/schema';

const app = useTestApp();

const v1 = (key: string): ProcessDefinition =>
  chain(key, [
    { id: 'start', type: 'start' },
    { id: 'wait', type: 'event', event: 'proceed' },
    { id: 'end', type: 'end', outcome: 'v1' },
  ]);

const v2 = (key: string): ProcessDefinition =>
  chain(key, [
    { id: 'start', type: 'start' },
    { id: 'wait', type: 'event', event: 'proceed' },
    { id: 'extra', type: 'assign', assign: { extraStep: 'true' } },
    { id: 'end', type: 'end', outcome: 'v2' },
  ]);

test('the promise: a new version reaches new cases while a running case finishes on its own, with one worker throughout', async () => {
  const key = uniqueKey('promise');
  expect(await publish(app, v1(key))).toBe(1);
  const a = await startCase(app, key);
  await waitFor(app, a, 'running', 'wait');

  expect(await publish(app, v2(key))).toBe(2);
  const b = await startCase(app, key);
  await app.api('POST', `/api/cases/${b}/events/proceed`, {});
  const caseB = await waitFor(app, b, 'completed');
  expect(caseB.version).toBe(2);
  expect(path(caseB)).toContain('extra');

  await app.api('POST', `/api/cases/${a}/events/proceed`, {});
  const caseA = await waitFor(app, a, 'completed');
  expect(caseA.version).toBe(1);
  expect(caseA.outcome).toBe('v1');
  expect(path(caseA)).not.toContain('extra');
  await recordHistory(app, 'version-pinned-v1', a);
});

test('migration moves a waiting case to a newer version; an unsafe one is refused with the reason', async () => {
  const key = uniqueKey('migrate');
  await publish(app, v1(key));
  const id = await startCase(app, key);
  await waitFor(app, id, 'running', 'wait');
  await publish(app, v2(key));

  const missing = await app.api('POST', `/api/cases/${id}/migrate`, { toVersion: 2, nodeMapping: { wait: 'nowhere' } });
  expect(missing.status).toBe(409);
  expect(missing.body.error.message).toMatch(/node 'nowhere' does not exist in version 2/);
  const wrongType = await app.api('POST', `/api/cases/${id}/migrate`, { toVersion: 2, nodeMapping: { wait: 'extra' } });
  expect(wrongType.status).toBe(409);
  expect(wrongType.body.error.message).toMatch(/is of type assign, but the case waits in a node of type event/);
  expect((await app.api('POST', `/api/cases/${id}/migrate`, { toVersion: 9 })).status).toBe(404);

  const ok = await app.api('POST', `/api/cases/${id}/migrate`, { toVersion: 2 });
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({ fromNode: 'wait', toNode: 'wait', toVersion: 2 });
  const moved = await waitFor(app, id, 'running', 'wait');
  expect(moved.version).toBe(2);

  await app.api('POST', `/api/cases/${id}/events/proceed`, {});
  const done = await waitFor(app, id, 'completed');
  expect(done.outcome).toBe('v2');
  expect(done.variables.extraStep).toBe(true);
  // The visit that was waiting when the case moved says so, and the new version's visit follows it.
  expect(done.history.filter((h: { nodeId: string }) => h.nodeId === 'wait').map((h: { outcome?: string }) => h.outcome)).toEqual(['migrated', 'proceed']);
  await recordHistory(app, 'migrated-v1-to-v2', id);
});

test('a case that is running a step (not waiting) cannot be migrated', async () => {
  const key = uniqueKey('busy');
  await publish(app, forkJoin(key, [[{ id: 'w1', type: 'event', event: 'one' }], [{ id: 'w2', type: 'event', event: 'two' }]], [{ id: 'end', type: 'end' }]));
  const id = await startCase(app, key);
  await waitFor(app, id, 'running', 'w2');
  const res = await app.api('POST', `/api/cases/${id}/migrate`, { toVersion: 1 });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('migration_refused');
  await app.api('POST', `/api/cases/${id}/cancel`);
});

test('rules are hot: a case already running gets the rule set published before its decision', async () => {
  const rulesetKey = uniqueKey('rs');
  const ruleset = (days: number) => ({
    key: rulesetKey,
    name: { zh: '隔离天数', en: 'Quarantine days' },
    kind: 'rules',
    facts: { risk: { type: 'string' } },
    rules: [{ name: 'high risk', conditions: { all: [{ fact: 'risk', operator: 'equal', value: 'high' }] }, event: { type: 'quarantine', params: { days } } }],
  });
  expect((await app.api('POST', '/api/rulesets', ruleset(7))).status).toBe(201);
  expect((await app.api('POST', `/api/rulesets/${rulesetKey}/publish`, { comment: '7 days' })).status).toBe(201);

  const key = uniqueKey('hot');
  await publish(app, {
    key,
    name: { zh: key, en: key },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'wait', type: 'event', event: 'arrived' },
      { id: 'classify', type: 'decision', ruleset: rulesetKey, facts: { risk: 'risk' } },
      { id: 'quarantine', type: 'end', outcome: 'quarantine' },
      { id: 'free', type: 'end', outcome: 'free' },
    ],
    edges: [
      { id: 'a', from: 'start', to: 'wait' },
      { id: 'b', from: 'wait', to: 'classify' },
      { id: 'c', from: 'classify', to: 'quarantine', outcome: 'quarantine' },
      { id: 'd', from: 'classify', to: 'free', default: true },
    ],
  });
  const id = await startCase(app, key, { risk: 'high' });
  await waitFor(app, id, 'running', 'wait');

  expect((await app.api('PUT', `/api/rulesets/${rulesetKey}/draft`, ruleset(5))).status).toBe(200);
  expect((await app.api('POST', `/api/rulesets/${rulesetKey}/publish`, { comment: '5 days' })).status).toBe(201);
  await app.api('POST', `/api/cases/${id}/events/arrived`, {});
  const s = await waitFor(app, id, 'completed');
  expect(s.variables.decision).toEqual({ outcome: 'quarantine', params: { days: 5 }, rulesetVersion: 2 });

  const decisions = await app.api('GET', `/api/cases/${id}/decisions`);
  expect(decisions.body).toHaveLength(1);
  expect(decisions.body[0]).toMatchObject({ nodeId: 'classify', ruleset: { key: rulesetKey, version: 2 }, facts: { risk: 'high' }, outcome: 'quarantine' });
  expect(decisions.body[0].trace[0]).toMatchObject({ passed: true });
  await recordHistory(app, 'decision-hot-rules', id);
});
