/**
 * Bulk actions by query on the real server: a filter of the case list selects cases, the preview
 * says what each action would do, and the job acts on each selected case once (cancel, send an
 * event, migrate, retry incidents), keeping a report; only the caller's org units are selected;
 * bad input is refused naming the field.
 */
import { bulkReasonCodes } from '../../language';
import { eventually, uniqueKey, useTestApp, type TestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import type { ProcessDefinition } from '../../workflows/definition/schema';

jest.setTimeout(120_000);

const app = useTestApp({ seed: false });

/** start → wait for 'result' (payload: {value: positive|negative}) → end. */
const waiting = (key: string, outcome = 'v1'): ProcessDefinition =>
  chain(key, [
    { id: 'start', type: 'start' },
    { id: 'wait', type: 'event', event: 'result', payload: { type: 'object', properties: { value: { enum: ['positive', 'negative'] } }, required: ['value'] } },
    { id: 'end', type: 'end', outcome },
  ]);

/** `n` cases of `key` (in `orgUnit` when given), each waiting in 'wait', listed by the case list. */
async function waitingCases(a: TestApp, key: string, n: number, orgUnit?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await startCase(a, key, {}, orgUnit ? { orgUnit } : {}));
  for (const id of ids) await waitFor(a, id, 'running', 'wait');
  await eventually(async () => {
    const res = await a.api('GET', `/api/cases?processKey=${key}&node=wait`);
    return res.body.total === n ? true : undefined;
  }, 30_000, `${n} cases of ${key} in the list`);
  return ids;
}

/** Starts a job and waits for it to end; answers its final view. */
async function runJob(body: unknown, caller: Pick<TestApp, 'api'> = app) {
  const started = await caller.api('POST', '/api/bulk', body);
  expect(started.status).toBe(202);
  const jobId = started.body.jobId as string;
  return eventually(async () => {
    const res = await caller.api('GET', `/api/bulk/${jobId}`);
    return ['completed', 'cancelled'].includes(res.body.status) ? res.body : undefined;
  }, 60_000, `bulk job ${jobId} to end`);
}

const itemsOf = async (jobId: string, status?: string) =>
  (await app.api('GET', `/api/bulk/${jobId}/items?limit=500${status ? `&status=${status}` : ''}`)).body.items as { caseId: string; status: string; reason: string; reasonCode: string | null; reasonParams: Record<string, unknown> | null }[];

test('cancel: the preview counts and samples the selection, the job cancels each running case once and skips an ended one, with a report', async () => {
  const key = uniqueKey('bulk-cancel');
  await publish(app, waiting(key));
  const ids = await waitingCases(app, key, 3);
  // One case ends first: the job skips it, saying why.
  expect((await app.api('POST', `/api/cases/${ids[0]}/events/result`, { payload: { value: 'negative' } })).status).toBe(202);
  await waitFor(app, ids[0], 'completed');
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${key}&status=completed`)).body.total === 1 ? true : undefined));

  const action = { kind: 'cancel', reason: 'district closed the round' };
  const preview = await app.api('POST', '/api/bulk/preview', { filter: { processKey: key }, action });
  expect(preview.status).toBe(200);
  expect(preview.body.total).toBe(3);
  const byCase = Object.fromEntries(preview.body.sample.map((s: { caseId: string; outcome: string }) => [s.caseId, s.outcome]));
  expect(byCase).toEqual({ [ids[0]]: 'skip', [ids[1]]: 'act', [ids[2]]: 'act' });
  // Each reason also as its code and values, for a UI to word in its language (language/bulk-reasons.ts).
  const reasons = Object.fromEntries(preview.body.sample.map((s: { caseId: string; reasonCode: string; reasonParams?: object }) => [s.caseId, [s.reasonCode, s.reasonParams]]));
  expect(reasons).toEqual({ [ids[0]]: ['not_running', { status: 'completed' }], [ids[1]]: ['would_cancel', undefined], [ids[2]]: ['would_cancel', undefined] });
  // Previewing acted on nothing.
  expect((await waitFor(app, ids[1], 'running', 'wait')).status).toBe('running');

  const job = await runJob({ filter: { processKey: key }, action, ratePerSecond: 20 });
  expect(job).toMatchObject({ status: 'completed', total: 3, counts: { pending: 0, acting: 0, done: 2, skipped: 1, failed: 0 }, action });
  for (const id of ids.slice(1)) await waitFor(app, id, 'cancelled');
  expect((await itemsOf(job.id, 'skipped')).map((i) => [i.caseId, i.reason, i.reasonCode, i.reasonParams])).toEqual([[ids[0], 'the case is completed', 'not_running', { status: 'completed' }]]);
  expect((await itemsOf(job.id, 'done')).map((i) => [i.reason, i.reasonCode])).toEqual([['cancelled', 'cancelled'], ['cancelled', 'cancelled']]);

  // Each case is cancelled once, under the job's name in the audit trail, with the reason.
  const audit: { key: string; actor: string; detail: { reason: string } }[] = await app.platform.services.db.query(
    `SELECT key, actor, detail FROM audit_log WHERE action = 'cancel' AND key = ANY($1) ORDER BY key`,
    [ids],
  );
  expect(audit.map((a) => a.key).sort()).toEqual(ids.slice(1).sort());
  expect(new Set(audit.map((a) => a.actor))).toEqual(new Set([`admin via ${job.id}`]));
  expect(audit.every((a) => a.detail.reason === action.reason)).toBe(true);

  const csv = await fetch(`${app.url}/api/bulk/${job.id}/report.csv`, { headers: await app.headers() });
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('seq,caseId,status,reason,updatedAt');
  expect(lines.slice(1).map((l) => l.split(',').slice(1, 3))).toEqual(expect.arrayContaining([[ids[0], 'skipped'], [ids[1], 'done'], [ids[2], 'done']]));

  const listed = await app.api('GET', '/api/bulk');
  expect(listed.body.map((j: { id: string }) => j.id)).toContain(job.id);
});

test('a job selected by business key keeps that a key was given, never the key', async () => {
  const key = uniqueKey('bulk-person');
  await publish(app, waiting(key));
  const id = await startCase(app, key, {}, { businessKey: '320802199001011234' });
  await waitFor(app, id, 'running', 'wait');
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${key}`)).body.total === 1 ? true : undefined));
  const job = await runJob({ filter: { processKey: key, businessKey: '320802199001011234' }, action: { kind: 'cancel', reason: 'by key' } });
  expect(job).toMatchObject({ total: 1, counts: { done: 1 }, filter: { processKey: key, businessKey: '(given)' } });
  const [stored] = await app.platform.services.db.query(`SELECT filter::text AS filter FROM bulk_jobs WHERE id = $1`, [job.id]);
  expect(stored.filter).not.toContain('320802199001011234');
});

test('event: delivered to the cases waiting for it, skipped where none waits, refused where the payload does not match', async () => {
  const key = uniqueKey('bulk-event');
  await publish(app, waiting(key));
  const ids = await waitingCases(app, key, 2);
  const bad = await app.api('POST', '/api/bulk/preview', { filter: { processKey: key }, action: { kind: 'event', name: 'result', payload: { value: 'maybe' } } });
  expect(bad.body.sample.map((s: { outcome: string }) => s.outcome)).toEqual(['fail', 'fail']);
  expect(bad.body.sample[0].reason).toMatch(/does not match the schema of event 'result'/);
  expect(bad.body.sample[0]).toMatchObject({ reasonCode: 'payload_invalid', reasonParams: { event: 'result' } });
  const other = await app.api('POST', '/api/bulk/preview', { filter: { processKey: key }, action: { kind: 'event', name: 'recall' } });
  expect(other.body.sample.map((s: { reason: string }) => s.reason)).toEqual(["not waiting for event 'recall' (at 'wait')", "not waiting for event 'recall' (at 'wait')"]);
  expect(other.body.sample[0]).toMatchObject({ reasonCode: 'event_not_awaited', reasonParams: { event: 'recall', nodes: "'wait'" } });

  const job = await runJob({ filter: { processKey: key, node: 'wait' }, action: { kind: 'event', name: 'result', payload: { value: 'positive' } } });
  expect(job.counts).toMatchObject({ done: 2, skipped: 0, failed: 0 });
  for (const id of ids) expect((await waitFor(app, id, 'completed')).variables).toBeDefined();
});

test('migrate: the preview carries each case dry run; the job moves the safe cases and skips the unsafe with the reason', async () => {
  const key = uniqueKey('bulk-migrate');
  await publish(app, waiting(key, 'v1'));
  const ids = await waitingCases(app, key, 2);
  await publish(app, waiting(key, 'v2'));

  const preview = await app.api('POST', '/api/bulk/preview', { filter: { processKey: key, version: 1 }, action: { kind: 'migrate', toVersion: 2 } });
  expect(preview.body.sample).toHaveLength(2);
  for (const s of preview.body.sample) expect(s).toMatchObject({ outcome: 'act', migration: { safe: true, moves: [{ fromNode: 'wait', toNode: 'wait' }] } });
  const unsafe = await app.api('POST', '/api/bulk/preview', { filter: { processKey: key }, action: { kind: 'migrate', toVersion: 2, nodeMapping: { wait: 'end' } } });
  expect(unsafe.body.sample[0]).toMatchObject({ outcome: 'skip', migration: { safe: false, refusal: { code: 'type_mismatch' } } });
  expect(unsafe.body.sample[0]).toMatchObject({ reasonCode: 'type_mismatch', reasonParams: { node: 'wait', fromVersion: 1, toVersion: 2 } });

  const job = await runJob({ filter: { processKey: key, version: 1 }, action: { kind: 'migrate', toVersion: 2 } });
  expect(job.counts).toMatchObject({ done: 2, failed: 0 });
  for (const id of ids) expect((await waitFor(app, id, 'running', 'wait')).version).toBe(2);
});

test('retry: each open incident of the selected cases is retried once, by the job', async () => {
  const key = uniqueKey('bulk-retry');
  // The step calls a host the engine refuses: an incident at once, and again on every retry.
  await publish(app, chain(key, [{ id: 'start', type: 'start' }, { id: 'call', type: 'activity', activity: 'httpRequest', input: { url: "'http://169.254.169.254/'" } }, { id: 'end', type: 'end' }]));
  const ids = [await startCase(app, key), await startCase(app, key)];
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${key}&hasIncident=true`)).body.total === 2 ? true : undefined), 30_000, 'two incidents');

  const job = await runJob({ filter: { processKey: key, hasIncident: 'true' }, action: { kind: 'retry', comment: 'host allowed now' } });
  expect(job.counts).toMatchObject({ done: 2, failed: 0 });
  expect((await itemsOf(job.id)).map((i) => [i.reasonCode, i.reasonParams])).toEqual([['retried', { count: 1 }], ['retried', { count: 1 }]]);
  const resolved: { case_id: string; action: string }[] = await app.platform.services.db.query(`SELECT case_id, action FROM incidents WHERE case_id = ANY($1) AND resolved_by = $2`, [ids, `admin via ${job.id}`]);
  expect(resolved.map((r) => r.case_id).sort()).toEqual([...ids].sort());
  expect(resolved.every((r) => r.action === 'retry')).toBe(true);
});

test('scope: a supervisor selects only cases of their org units, sees only their jobs; an operator may not act in bulk', async () => {
  const key = uniqueKey('bulk-scope');
  await publish(app, waiting(key));
  const inside = await waitingCases(app, key, 1, 'qingjiangpu');
  await startCase(app, key, {}, { orgUnit: 'huaiyin' });
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${key}`)).body.total === 2 ? true : undefined));
  const sam = app.as(`bulk-sup-${key}`, { roles: ['supervisor'], orgUnits: ['qingjiangpu'] });
  const olga = app.as(`bulk-op-${key}`, { roles: ['operator'], orgUnits: ['qingjiangpu'] });

  const action = { kind: 'cancel', reason: 'scope test' };
  const preview = await sam.api('POST', '/api/bulk/preview', { filter: { processKey: key }, action });
  expect(preview.body.total).toBe(1);
  expect((await sam.api('POST', '/api/bulk', { filter: { processKey: key, orgUnit: 'huaiyin' }, action })).status).toBe(403);
  expect((await olga.api('POST', '/api/bulk/preview', { filter: { processKey: key }, action })).status).toBe(403);

  const job = await runJob({ filter: { processKey: key }, action }, sam);
  expect(job).toMatchObject({ total: 1, orgUnit: 'qingjiangpu', counts: { done: 1 } });
  expect((await itemsOf(job.id)).map((i) => i.caseId)).toEqual(inside);
  // A job of another unit is not theirs to see.
  const elsewhere = await runJob({ filter: { processKey: key, orgUnit: 'huaiyin' }, action });
  expect((await sam.api('GET', `/api/bulk/${elsewhere.id}`)).status).toBe(404);
  expect((await sam.api('GET', '/api/bulk')).body.map((j: { id: string }) => j.id)).not.toContain(elsewhere.id);
});

test('a running job is stopped by its cancel: the cases it had not reached are skipped as cancelled', async () => {
  const key = uniqueKey('bulk-stop');
  await publish(app, waiting(key));
  await waitingCases(app, key, 6);
  // One case a second: the cancel comes long before the sixth.
  const started = await app.api('POST', '/api/bulk', { filter: { processKey: key }, action: { kind: 'cancel', reason: 'stop test' }, ratePerSecond: 1 });
  expect(started.status).toBe(202);
  const stopped = await app.api('POST', `/api/bulk/${started.body.jobId}/cancel`);
  expect(stopped.status).toBe(200);
  const job = await eventually(async () => {
    const res = await app.api('GET', `/api/bulk/${started.body.jobId}`);
    return res.body.status === 'cancelled' ? res.body : undefined;
  }, 30_000, 'the job to stop');
  expect(job.counts.pending + job.counts.acting).toBe(0);
  expect(job.counts.done + job.counts.skipped).toBe(6);
  expect(job.counts.skipped).toBeGreaterThan(0);
  expect((await itemsOf(job.id, 'skipped'))[0]).toMatchObject({ reason: expect.stringMatching(/cancelled/), reasonCode: 'job_cancelled' });
  expect((await app.api('POST', `/api/bulk/${job.id}/cancel`)).status).toBe(409);
});

test('bad input answers 4xx naming the field', async () => {
  const problems = async (path: string, body: unknown) => {
    const res = await app.api('POST', path, body);
    return [res.status, (res.body.error?.problems ?? []).map((p: { path: string }) => p.path)];
  };
  const cancel = { kind: 'cancel', reason: 'x' };
  expect(await problems('/api/bulk/preview', { filter: {}, action: { kind: 'explode' } })).toEqual([422, ['body/action/kind']]);
  expect(await problems('/api/bulk/preview', { filter: {}, action: { kind: 'cancel' } })).toEqual([422, ['body/action/reason']]);
  expect(await problems('/api/bulk/preview', { filter: { status: 'sleeping' }, action: cancel })).toEqual([422, ['body/filter/status']]);
  expect(await problems('/api/bulk/preview', { action: cancel })).toEqual([422, ['body/filter']]);
  expect(await problems('/api/bulk', { filter: {}, action: cancel, ratePerSecond: 0 })).toEqual([422, ['body/ratePerSecond']]);
  expect(await problems('/api/bulk', { filter: { processKey: uniqueKey('none') }, action: cancel })).toEqual([422, ['body/filter']]);
  expect((await app.api('GET', '/api/bulk/not-a-job')).status).toBe(400);
  expect((await app.api('GET', '/api/bulk/bulk-00000000-0000-0000-0000-000000000000')).status).toBe(404);
  expect((await app.api('GET', '/api/bulk/bulk-00000000-0000-0000-0000-000000000000/items?status=lost')).status).toBe(400);
});

test("the OpenAPI document declares the preview's answer", async () => {
  const doc = (await app.api('GET', '/api/openapi.json')).body;
  const answer = doc.paths['/api/bulk/preview'].post.responses['200'].content['application/json'].schema;
  expect(answer.required).toEqual(expect.arrayContaining(['total', 'sample']));
  expect(answer.properties.sample.items.properties.outcome.enum).toEqual(['act', 'skip', 'fail']);
  // Another client words each reason from its code: the document lists them all.
  expect(answer.properties.sample.items.properties.reasonCode.enum).toEqual([...bulkReasonCodes]);
});
