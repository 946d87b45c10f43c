/**
 * Incidents instead of silent failure, on the real server: a step whose adapter fails for good
 * leaves its case waiting at the node with an incident, listed by GET /api/incidents and on the
 * case; an operator retries it once the adapter is fixed, skips it along an exit with an output,
 * or fails the case, each audited; a second resolution is refused.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { defineActivity } from '../../engine/activities/define';
import { recordHistory } from '../support/fixtures';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { caseState, chain, path, publish, startCase, waitFor } from '../support/processes';
import { adultRules, publishRuleSet } from '../support/rules';

/** A stand-in for an outside system: down (retryable failures), refusing (non-retryable), or up. */
const adapter: Record<string, 'down' | 'refusing' | 'up'> = {};
const calls: Record<string, number> = {};
const lab = defineActivity({
  name: 'testLabAdapter',
  title: { zh: '测试化验接口', en: 'Test lab adapter' },
  description: { zh: '按测试设定失败', en: 'Fails while the test says the lab is down' },
  category: 'test',
  input: z.object({ key: z.string() }),
  output: z.object({ result: z.string() }),
  timeout: 'PT10S',
  retry: { maxAttempts: 2, initialInterval: 'PT0.1S', backoff: 1 },
  async handler(input) {
    calls[input.key] = (calls[input.key] ?? 0) + 1;
    const state = adapter[input.key] ?? 'up';
    if (state === 'down') throw new Error('lab system unavailable');
    if (state === 'refusing') throw ApplicationFailure.nonRetryable('lab system refused the sample id', 'LabRefused');
    return { result: 'negative' };
  },
});

const app = useTestApp({ extraActivities: [lab] });

/** start → call the lab (output: lab) → route on the result: positive → isolate, else → release. */
async function labProcess(key: string): Promise<void> {
  const def = chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'call', type: 'activity', activity: 'testLabAdapter', input: { key: `'${key}'` }, output: 'lab' },
      { id: 'route', type: 'gateway' },
      { id: 'isolate', type: 'end', outcome: 'isolated' },
      { id: 'release', type: 'end', outcome: 'released' },
    ],
    [{ from: 'route', to: 'release', default: true }],
  );
  def.edges = def.edges.map((e) => (e.from === 'route' && !e.default ? { ...e, condition: { all: [{ fact: 'lab', path: '$.result', operator: 'equal', value: 'positive' }] } } : e));
  await publish(app, def);
}

async function openIncidentOf(caseId: string) {
  return eventually(async () => {
    const res = await app.api('GET', `/api/incidents?caseId=${caseId}&status=open`);
    return res.status === 200 && res.body.length === 1 ? res.body[0] : undefined;
  }, 30_000, `an open incident of ${caseId}`);
}

const resolve = (id: string, body: unknown) => app.api('POST', `/api/incidents/${encodeURIComponent(id)}/resolve`, body);

async function auditOf(id: string) {
  return app.platform.services.db.query(`SELECT actor, action, kind, detail FROM audit_log WHERE kind = 'incident' AND key = $1`, [id]) as Promise<{ actor: string; action: string; detail: Record<string, unknown> }[]>;
}

test('the lab is down: the case waits at the node with an incident; once the lab is fixed, retry completes the case', async () => {
  const key = uniqueKey('inc-retry');
  adapter[key] = 'down';
  await labProcess(key);
  const caseId = await startCase(app, key);

  const incident = await openIncidentOf(caseId);
  expect(incident).toMatchObject({ caseId, processKey: key, version: 1, nodeId: 'call', visit: 1, error: 'lab system unavailable', attempts: 2, status: 'open', resolution: null });
  expect(incident.id).toBe(`${caseId}:call:1:1`);
  expect(Date.parse(incident.openedAt)).not.toBeNaN();
  expect(calls[key]).toBe(2);
  // The case did not fail: it waits at the node, and its own answer names the incident.
  const waiting = await caseState(app, caseId);
  expect(waiting.status).toBe('running');
  expect(waiting.activeNodes).toEqual(['call']);
  expect(waiting.incidents).toEqual([expect.objectContaining({ incidentId: incident.id, nodeId: 'call', error: 'lab system unavailable', attempts: 2 })]);
  expect((await app.api('GET', `/api/incidents/${encodeURIComponent(incident.id)}`)).body.status).toBe('open');
  expect((await app.api('GET', `/api/incidents?processKey=${key}&status=resolved`)).body).toEqual([]);
  // The case list's "has incident" filter reads the case projection's flag.
  const flag = async () => ((await app.platform.services.db.query(`SELECT has_incident FROM case_projection WHERE case_id = $1`, [caseId])) as { has_incident: boolean }[])[0]?.has_incident;
  await eventually(async () => ((await flag()) === true ? true : undefined), 20_000, 'has_incident set');

  adapter[key] = 'up';
  const res = await resolve(incident.id, { action: 'retry', comment: 'lab system back up' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'resolved', resolution: { action: 'retry', comment: 'lab system back up', by: 'admin' } });
  const done = await waitFor(app, caseId, 'completed');
  expect(done.outcome).toBe('released');
  expect(done.variables.lab).toEqual({ result: 'negative' });
  expect(done.incidents).toEqual([]);
  expect(path(done)).toEqual(['start', 'call', 'route', 'release']);
  expect(calls[key]).toBe(3);
  expect(await flag()).toBe(false);
  await recordHistory(app, 'incident-retry', caseId);

  // Resolving twice: the second is refused, and the trail holds one resolution.
  const again = await resolve(incident.id, { action: 'retry', comment: 'again' });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('incident_resolved');
  expect(await auditOf(incident.id)).toEqual([{ actor: 'admin', action: 'resolve', kind: 'incident', detail: expect.objectContaining({ caseId, nodeId: 'call', resolution: 'retry', comment: 'lab system back up' }) }]);
  expect((await app.api('GET', `/api/incidents?caseId=${caseId}&status=resolved`)).body.map((i: { id: string }) => i.id)).toEqual([incident.id]);
});

test('a retry that fails again opens a second incident of the same visit', async () => {
  const key = uniqueKey('inc-again');
  adapter[key] = 'down';
  await labProcess(key);
  const caseId = await startCase(app, key);
  const first = await openIncidentOf(caseId);
  expect((await resolve(first.id, { action: 'retry', comment: 'try once more' })).status).toBe(200);
  const second = await eventually(async () => {
    const open = (await app.api('GET', `/api/incidents?caseId=${caseId}&status=open`)).body;
    return open.length === 1 && open[0].id !== first.id ? open[0] : undefined;
  });
  expect(second.id).toBe(`${caseId}:call:1:2`);
  expect((await resolve(second.id, { action: 'fail', comment: 'give up' })).status).toBe(200);
  await waitFor(app, caseId, 'failed');
});

test('a refusal (non-retryable) opens an incident after one attempt; skip goes on along the exit with the output given', async () => {
  const key = uniqueKey('inc-skip');
  adapter[key] = 'refusing';
  await labProcess(key);
  const caseId = await startCase(app, key);
  const incident = await openIncidentOf(caseId);
  expect(incident).toMatchObject({ error: 'lab system refused the sample id', errorType: 'LabRefused', attempts: 1 });
  expect(calls[key]).toBe(1);

  // The skip names an exit the node lacks: refused naming the field, and the incident stays open.
  const noExit = await resolve(incident.id, { action: 'skip', outcome: 'nowhere', output: { result: 'positive' }, comment: 'typed in by hand' });
  expect(noExit.status).toBe(422);
  expect(noExit.body.error.problems).toEqual([expect.objectContaining({ path: 'body/outcome' })]);

  const res = await resolve(incident.id, { action: 'skip', output: { result: 'positive' }, comment: 'result phoned in by the lab' });
  expect(res.status).toBe(200);
  expect(res.body.resolution).toMatchObject({ action: 'skip', comment: 'result phoned in by the lab' });
  expect(res.body).not.toHaveProperty('output');
  const done = await waitFor(app, caseId, 'completed');
  expect(done.outcome).toBe('isolated');
  expect(done.variables.lab).toEqual({ result: 'positive' });
  expect(calls[key]).toBe(1);
  expect(done.history.find((h: { nodeId: string }) => h.nodeId === 'call').outcome).toBe('skipped');
});

test('fail ends the case as failed, naming the node, the error and who failed it and why', async () => {
  const key = uniqueKey('inc-fail');
  adapter[key] = 'refusing';
  await labProcess(key);
  const caseId = await startCase(app, key);
  const incident = await openIncidentOf(caseId);
  expect((await resolve(incident.id, { action: 'fail', comment: 'person moved away' })).status).toBe(200);
  const failed = await waitFor(app, caseId, 'failed');
  expect(failed.error).toEqual({ nodeId: 'call', message: 'lab system refused the sample id (failed by admin: person moved away)' });
  expect(await auditOf(incident.id)).toEqual([expect.objectContaining({ action: 'resolve', detail: expect.objectContaining({ resolution: 'fail', comment: 'person moved away' }) })]);
});

test('bad resolutions are refused naming the field; an unknown incident is 404; an auditor may read but not resolve', async () => {
  const key = uniqueKey('inc-bad');
  adapter[key] = 'refusing';
  await labProcess(key);
  const caseId = await startCase(app, key);
  const incident = await openIncidentOf(caseId);
  const cases: [unknown, string][] = [
    [{ comment: 'no action' }, 'body/action'],
    [{ action: 'undo', comment: 'x' }, 'body/action'],
    [{ action: 'retry' }, 'body/comment'],
    [{ action: 'retry', comment: '   ' }, 'body/comment'],
    [{ action: 'retry', outcome: 'release', comment: 'x' }, 'body/outcome'],
    [{ action: 'fail', output: 1, comment: 'x' }, 'body/output'],
    [{ action: 'retry', comment: 'x', extra: true }, 'body'],
  ];
  for (const [body, field] of cases) {
    const res = await resolve(incident.id, body);
    expect([res.status, res.body.error.problems.map((p: { path: string }) => p.path)]).toEqual([422, [field]]);
  }
  const badId = await app.api('POST', '/api/incidents/not-an-incident/resolve', { action: 'retry', comment: 'x' });
  expect([badId.status, badId.body.error.problems[0].path]).toEqual([400, 'params/id']);
  expect((await resolve(`${caseId}:call:9:1`, { action: 'retry', comment: 'x' })).status).toBe(404);

  const auditor = app.as(uniqueKey('inc-auditor'), { roles: ['auditor'] });
  expect((await auditor.api('GET', `/api/incidents?caseId=${caseId}`)).body).toHaveLength(1);
  expect((await auditor.api('POST', `/api/incidents/${encodeURIComponent(incident.id)}/resolve`, { action: 'fail', comment: 'x' })).status).toBe(403);
  // None of these touched it: it is still open.
  expect((await app.api('GET', `/api/incidents/${encodeURIComponent(incident.id)}`)).body.status).toBe('open');
});

test('a process with an error edge still routes the failure along it, with no incident', async () => {
  const key = uniqueKey('inc-edge');
  adapter[key] = 'refusing';
  await publish(
    app,
    chain(
      key,
      [
        { id: 'start', type: 'start' },
        { id: 'call', type: 'activity', activity: 'testLabAdapter', input: { key: `'${key}'` } },
        { id: 'ok', type: 'end', outcome: 'ok' },
        { id: 'handled', type: 'end', outcome: 'handled' },
      ],
      [{ from: 'call', to: 'handled', on: 'error' }],
    ),
  );
  const caseId = await startCase(app, key);
  const done = await waitFor(app, caseId, 'completed');
  expect(done.outcome).toBe('handled');
  expect((await app.api('GET', `/api/incidents?caseId=${caseId}`)).body).toEqual([]);
});

test('cancelling a case (with a reason, audited) closes its open incident', async () => {
  const key = uniqueKey('inc-cancel');
  adapter[key] = 'refusing';
  await labProcess(key);
  const caseId = await startCase(app, key);
  const incident = await openIncidentOf(caseId);
  expect((await app.api('POST', `/api/cases/${caseId}/cancel`, { reason: 'person left the city' })).status).toBe(202);
  const [cancel] = await app.platform.services.db.query(`SELECT detail FROM audit_log WHERE kind = 'case' AND key = $1 AND action = 'cancel'`, [caseId]);
  expect(cancel.detail).toEqual({ reason: 'person left the city' });
  const closed = await eventually(async () => {
    const i = (await app.api('GET', `/api/incidents/${encodeURIComponent(incident.id)}`)).body;
    return i.status === 'resolved' ? i : undefined;
  });
  expect(closed.resolution).toMatchObject({ action: 'case_ended' });
  const late = await resolve(incident.id, { action: 'retry', comment: 'too late' });
  expect(late.status).toBe(409);
});

test('a resolution claimed but not delivered (the API crashed in between) is delivered by the reconciler, once', async () => {
  const key = uniqueKey('inc-stalled');
  adapter[key] = 'down';
  await labProcess(key);
  const caseId = await startCase(app, key);
  const incident = await openIncidentOf(caseId);
  adapter[key] = 'up';
  // As a crash leaves it: claimed for a retry an hour ago, never handed to the case.
  await app.platform.services.db.query(
    `UPDATE incidents SET status = 'resolving', action = 'retry', comment = 'fixed before the crash', resolved_by = 'admin', resolved_at = now() - interval '1 hour' WHERE id = $1`,
    [incident.id],
  );
  const pass = await app.platform.reconcile!();
  expect(pass.resolutions).toBeGreaterThanOrEqual(1);
  await waitFor(app, caseId, 'completed');
  expect((await app.api('GET', `/api/incidents/${encodeURIComponent(incident.id)}`)).body).toMatchObject({ status: 'resolved', resolution: { action: 'retry', by: 'admin' } });
  await app.platform.reconcile!();
  expect(await auditOf(incident.id)).toHaveLength(1);
});

test('a decision that cannot be made (a fact missing) opens an incident; skip takes the outcome chosen, with the output given', async () => {
  const key = uniqueKey('inc-decide');
  const rules = uniqueKey('inc-rules');
  await publishRuleSet(app, adultRules(rules));
  const def = chain(key, [
    { id: 'start', type: 'start' },
    { id: 'decide', type: 'decision', ruleset: rules },
    { id: 'adultEnd', type: 'end', outcome: 'adult' },
    { id: 'otherEnd', type: 'end', outcome: 'other' },
  ]);
  def.edges = [...def.edges.map((e) => (e.from === 'decide' ? { ...e, outcome: 'adult' } : e)), { id: 'other', from: 'decide', to: 'otherEnd', default: true }];
  await publish(app, def);
  const caseId = await startCase(app, key);
  const incident = await openIncidentOf(caseId);
  expect(incident).toMatchObject({ nodeId: 'decide', errorType: 'MissingFacts', attempts: 1 });
  expect(incident.error).toMatch(/missing facts: age/);

  // A decision has two exits: a skip must name one.
  const unnamed = await resolve(incident.id, { action: 'skip', comment: 'age checked by hand' });
  expect([unnamed.status, unnamed.body.error.problems[0].path]).toEqual([422, 'body/outcome']);
  const res = await resolve(incident.id, { action: 'skip', outcome: 'adult', output: { outcome: 'adult', params: {} }, comment: 'age checked on the ID card' });
  expect(res.status).toBe(200);
  const done = await waitFor(app, caseId, 'completed');
  expect(done.outcome).toBe('adult');
  expect(done.variables.decision).toEqual({ outcome: 'adult', params: {} });
});
