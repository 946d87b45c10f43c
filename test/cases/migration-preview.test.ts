/**
 * The migration dry run (POST /api/cases/:id/migrate/preview) on a real case: where the waiting
 * node goes, the variables the target declares that the case lacks, each refusal with its code,
 * nothing changed by asking, and the real migration refusing with the same reason.
 */
import type { ProcessDefinition, ProcessNode } from '../../workflows/definition/schema';
import { uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';

const app = useTestApp({ seed: false });

const key = uniqueKey('mig-preview');
const version = (wait: ProcessNode, extra: ProcessNode[] = [], more: Partial<ProcessDefinition> = {}) =>
  chain(key, [{ id: 'start', type: 'start' }, wait, ...extra, { id: 'end', type: 'end' }], [], more);

let caseId: string;

beforeAll(async () => {
  // v1: waits for 'proceed' in 'wait'. v2: the same wait, and declares two variables the case lacks.
  // v3: the wait renamed 'hold', after an assign named 'tag'.
  await publish(app, version({ id: 'wait', type: 'event', event: 'proceed' }));
  await publish(
    app,
    version({ id: 'wait', type: 'event', event: 'proceed' }, [], {
      variables: { type: 'object', properties: { district: { type: 'string' }, note: { type: 'string' } }, required: ['district'] },
    }),
  );
  await publish(app, version({ id: 'hold', type: 'event', event: 'proceed' }, [{ id: 'tag', type: 'assign', assign: { tagged: 'true' } }]));
  caseId = await startCase(app, key, {}, { version: 1 });
  await waitFor(app, caseId, 'running', 'wait');
});

const preview = (body: unknown) => app.api('POST', `/api/cases/${caseId}/migrate/preview`, body);

test('a safe move: the waiting node and where it goes, the variables the target declares that the case lacks; the case stays where it was', async () => {
  const res = await preview({ toVersion: 2 });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    processKey: key,
    fromVersion: 1,
    toVersion: 2,
    safe: true,
    moves: [{ fromNode: 'wait', fromType: 'event', toNode: 'wait', toType: 'event', mapped: false }],
    missingVariables: [
      { name: 'district', required: true },
      { name: 'note', required: false },
    ],
  });
  const after = await waitFor(app, caseId, 'running', 'wait');
  expect(after.version).toBe(1);
});

test('each unsafe move is refused with its code and reason; a mapping makes the renamed node safe', async () => {
  const refusal = async (body: unknown) => {
    const res = await preview(body);
    expect(res.status).toBe(200);
    expect(res.body.safe).toBe(false);
    return res.body.refusal.code as string;
  };
  expect(await refusal({ toVersion: 3 })).toBe('no_counterpart');
  expect(await refusal({ toVersion: 3, nodeMapping: { wait: 'tag' } })).toBe('type_mismatch');
  expect(await refusal({ toVersion: 3, nodeMapping: { elsewhere: 'hold' } })).toBe('unknown_mapped_node');
  expect(await refusal({ toVersion: 1 })).toBe('same_version');
  expect(await refusal({ toVersion: 9 })).toBe('version_not_published');

  const mapped = await preview({ toVersion: 3, nodeMapping: { wait: 'hold' } });
  expect(mapped.body).toMatchObject({ safe: true, moves: [{ fromNode: 'wait', toNode: 'hold', toType: 'event', mapped: true }], missingVariables: [] });
});

test('the real migration refuses with the dry run reason, and carries out the move it called safe', async () => {
  const dry = await preview({ toVersion: 3 });
  const real = await app.api('POST', `/api/cases/${caseId}/migrate`, { toVersion: 3 });
  expect(real.status).toBe(409);
  expect(real.body.error).toEqual({ code: 'migration_refused', message: `migration refused: ${dry.body.refusal.message}` });

  const ok = await app.api('POST', `/api/cases/${caseId}/migrate`, { toVersion: 3, nodeMapping: { wait: 'hold' } });
  expect(ok.status).toBe(200);
  expect((await waitFor(app, caseId, 'running', 'hold')).version).toBe(3);
});

test('a task with a deadline is not a single wait (its escalation runs beside it): the dry run says so, as the real migration does', async () => {
  // The dry run once called this safe and the migration then refused it: both now read the workflow's own word.
  const taskKey = uniqueKey('mig-deadline');
  const withDeadline = chain(
    taskKey,
    [{ id: 'start', type: 'start' }, { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' }, deadline: 'PT1H' }, { id: 'end', type: 'end' }, { id: 'late', type: 'end' }],
    [{ from: 'check', to: 'late', on: 'timeout' }],
  );
  await publish(app, withDeadline);
  await publish(app, withDeadline);
  const id = await startCase(app, taskKey, {}, { version: 1 });
  await waitFor(app, id, 'running', 'check');
  const dry = await app.api('POST', `/api/cases/${id}/migrate/preview`, { toVersion: 2 });
  expect(dry.body).toMatchObject({ safe: false, refusal: { code: 'not_single_wait' }, moves: [{ fromNode: 'check', toNode: 'check' }] });
  const real = await app.api('POST', `/api/cases/${id}/migrate`, { toVersion: 2 });
  expect(real.status).toBe(409);
  expect(real.body.error.message).toBe(`migration refused: ${dry.body.refusal.message}`);
});

test('an ended case is refused as not running', async () => {
  const id = await startCase(app, key, {}, { version: 1 });
  await waitFor(app, id, 'running', 'wait');
  expect((await app.api('POST', `/api/cases/${id}/events/proceed`, {})).status).toBe(202);
  await waitFor(app, id, 'completed');
  const res = await app.api('POST', `/api/cases/${id}/migrate/preview`, { toVersion: 2 });
  expect(res.body).toMatchObject({ safe: false, refusal: { code: 'not_running' }, moves: [] });
});

test('bad input answers 4xx naming the field; the OpenAPI document declares the answer', async () => {
  const problems = async (body: unknown) => {
    const res = await preview(body);
    return [res.status, (res.body.error?.problems ?? []).map((p: { path: string }) => p.path)];
  };
  expect(await problems({ toVersion: 'two' })).toEqual([422, ['body/toVersion']]);
  expect(await problems({})).toEqual([422, ['body/toVersion']]);
  expect(await problems({ toVersion: 2, nodeMapping: { wait: 'not an id' } })).toEqual([422, ['body/nodeMapping/wait']]);
  expect(await problems({ toVersion: 2, extra: true })).toEqual([422, ['body']]);
  expect((await app.api('POST', '/api/cases/not-a-case/migrate/preview', { toVersion: 2 })).status).toBe(400);

  const doc = (await app.api('GET', '/api/openapi.json')).body;
  const answer = doc.paths['/api/cases/{id}/migrate/preview'].post.responses['200'].content['application/json'].schema;
  expect(answer.required).toEqual(expect.arrayContaining(['safe', 'moves', 'missingVariables', 'fromVersion', 'toVersion']));
  expect(answer.properties.refusal.properties.code.enum).toEqual(expect.arrayContaining(['no_counterpart', 'type_mismatch', 'not_running']));
});
