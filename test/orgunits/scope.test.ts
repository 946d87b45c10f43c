/**
 * Cases and tasks are seen and acted on only inside the subtrees of one's org units: a
 * district-A operator cannot read, list, signal, cancel, migrate, terminate, see the decisions
 * of, or read or complete a task of a district-B case (404 each: its existence is not disclosed),
 * and can do all of it in their own district and below. On the real API, Temporal and PostgreSQL.
 */
import { uniqueKey, useTestApp, eventually, type TestApp } from '../support/app';
import { chain, publish, waitFor } from '../support/processes';
import { adultRules, publishRuleSet } from '../support/rules';

const app = useTestApp({ seed: false });

const suffix = uniqueKey('s').slice(2);
const alice = () => app.as(`alice-${suffix}`, { roles: ['operator'], orgUnits: ['qingjiangpu'] });
const sam = () => app.as(`sam-${suffix}`, { roles: ['supervisor'], orgUnits: ['qingjiangpu'] });
const bob = () => app.as(`bob-${suffix}`, { roles: ['operator'], orgUnits: ['huaiyin'] });
const auditor = () => app.as(`audrey-${suffix}`, { roles: ['auditor'] });
const twoUnits = () => app.as(`tess-${suffix}`, { roles: ['operator'], orgUnits: ['xuyi', 'jinhu'] });

const key = uniqueKey('scoped');
const rules = uniqueKey('scoped-rules');
const street = `qjp-${suffix}`;

/** start → decide (a rule set) → wait for the event 'go' → a task → end. */
function scopedProcess(note: string) {
  const def = chain(key, [
    { id: 'start', type: 'start' },
    { id: 'decide', type: 'decision', ruleset: rules, output: 'verdict' },
    { id: 'wait', type: 'event', event: 'go' },
    { id: 'check', type: 'task', title: { zh: '核查', en: note }, form: { type: 'object', properties: { note: { type: 'string' } } }, output: 'check' },
    { id: 'end', type: 'end' },
  ]);
  def.edges[1] = { ...def.edges[1], default: true };
  return def;
}

async function start(caller: { api: TestApp['api'] }, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await caller.api('POST', '/api/cases', { processKey: key, input: { age: 30 }, ...extra });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function taskOf(caseId: string): Promise<string> {
  return eventually(async () => {
    const res = await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`);
    return res.body[0]?.id as string | undefined;
  });
}

let inA: string;
let inB: string;
let below: string;

beforeAll(async () => {
  await publishRuleSet(app, adultRules(rules));
  await publish(app, scopedProcess('v1'));
  await publish(app, scopedProcess('v2'));
  expect((await app.api('POST', '/api/org-units', { id: street, parentId: 'qingjiangpu', name: { zh: '测试街道', en: 'Test street' } })).status).toBe(201);
  // On v1, so that the supervisor's migration to v2 below moves it (a move to the version it runs is refused).
  inA = await start(alice(), { version: 1 });
  inB = await start(bob());
  below = await start(app, { orgUnit: street });
  for (const id of [inA, inB, below]) await waitFor(app, id, 'running', 'wait');
});

test("a new case belongs to its starter's only unit, and the case view says which", async () => {
  expect((await alice().api('GET', `/api/cases/${inA}`)).body.orgUnit).toBe('qingjiangpu');
  expect((await bob().api('GET', `/api/cases/${inB}`)).body.orgUnit).toBe('huaiyin');
  expect((await app.api('GET', `/api/cases/${below}`)).body.orgUnit).toBe(street);
});

test('outside their subtree an operator gets 404 for every read and act, and the case is untouched', async () => {
  const { api } = alice();
  expect((await api('GET', `/api/cases/${inB}`)).status).toBe(404);
  expect((await api('GET', `/api/cases/${inB}/decisions`)).status).toBe(404);
  expect((await api('POST', `/api/cases/${inB}/events/go`, {})).status).toBe(404);
  expect((await api('POST', `/api/cases/${inB}/cancel`)).status).toBe(404);
  expect((await sam().api('POST', `/api/cases/${inB}/migrate`, { toVersion: 2 })).status).toBe(404);
  expect((await sam().api('POST', `/api/cases/${inB}/terminate`, { reason: 'not yours' })).status).toBe(404);
  // The answer is the one for a case that does not exist: nothing tells the two apart.
  const missing = await api('GET', `/api/cases/${key}.${'0'.repeat(32)}`);
  const hidden = await api('GET', `/api/cases/${inB}`);
  expect(hidden.body.error.code).toBe(missing.body.error.code);
  expect((await bob().api('GET', `/api/cases/${inB}`)).body).toMatchObject({ status: 'running', activeNodes: ['wait'] });
});

test("lists hold only the subtree's cases and tasks", async () => {
  const aliceCases = (await alice().api('GET', `/api/cases?processKey=${key}`)).body.items.map((c: { caseId: string }) => c.caseId);
  expect(aliceCases.sort()).toEqual([inA, below].sort());
  const bobCases = (await bob().api('GET', `/api/cases?processKey=${key}`)).body.items.map((c: { caseId: string }) => c.caseId);
  expect(bobCases).toEqual([inB]);
  // Unscoped callers see all three.
  for (const caller of [app, auditor()]) {
    const all = (await caller.api('GET', `/api/cases?processKey=${key}`)).body.items.map((c: { caseId: string }) => c.caseId);
    expect(all.sort()).toEqual([inA, inB, below].sort());
  }
  expect((await twoUnits().api('GET', `/api/cases?processKey=${key}`)).body.items).toEqual([]);
  // Each item says its unit.
  const items = (await app.api('GET', `/api/cases?processKey=${key}`)).body.items as { caseId: string; orgUnit: string }[];
  expect(Object.fromEntries(items.map((c) => [c.caseId, c.orgUnit]))).toEqual({ [inA]: 'qingjiangpu', [inB]: 'huaiyin', [below]: street });
});

test('within their own unit and below, an operator reads, signals, decides, and completes tasks; a supervisor migrates', async () => {
  const { api } = alice();
  const migrated = await sam().api('POST', `/api/cases/${inA}/migrate`, { toVersion: 2 });
  expect(migrated.status).toBe(200);
  expect(migrated.body.toVersion).toBe(2);
  for (const id of [inA, below]) {
    expect((await api('GET', `/api/cases/${id}`)).status).toBe(200);
    const decisions = await api('GET', `/api/cases/${id}/decisions`);
    expect(decisions.status).toBe(200);
    expect(decisions.body[0].outcome).toBe('adult');
    expect((await api('POST', `/api/cases/${id}/events/go`, {})).status).toBe(202);
  }
  for (const id of [inB]) expect((await bob().api('POST', `/api/cases/${id}/events/go`, {})).status).toBe(202);
  const taskA = await taskOf(inA);
  const taskB = await taskOf(inB);

  // Tasks: the list, one task and its completion, scoped alike.
  // The open list is paged oldest first and other test files open tasks in Qingjiangpu too:
  // the operator's own task is looked for by its case, the other district's in the whole list.
  const ids = async (query: string) => (await api('GET', `/api/tasks?${query}`)).body.map((t: { id: string }) => t.id);
  expect(await ids(`status=open&caseId=${inA}`)).toEqual([taskA]);
  expect(await ids('status=open&limit=200')).not.toContain(taskB);
  expect((await api('GET', `/api/tasks?caseId=${inB}`)).body).toEqual([]);
  expect((await api('GET', `/api/tasks/${encodeURIComponent(taskB)}`)).status).toBe(404);
  expect((await api('POST', `/api/tasks/${encodeURIComponent(taskB)}/complete`, { data: { note: 'not mine' } })).status).toBe(404);
  expect((await api('GET', `/api/tasks/${encodeURIComponent(taskA)}`)).body).toMatchObject({ orgUnit: 'qingjiangpu', status: 'open' });

  const done = await api('POST', `/api/tasks/${encodeURIComponent(taskA)}/complete`, { data: { note: 'done' } });
  expect(done.status).toBe(200);
  await waitFor(app, inA, 'completed');
  // B's task is still open for B's own operator.
  expect((await bob().api('GET', `/api/tasks/${encodeURIComponent(taskB)}`)).body.status).toBe('open');
  expect((await api('POST', `/api/cases/${below}/cancel`)).status).toBe(202);
  expect((await bob().api('POST', `/api/cases/${inB}/cancel`)).status).toBe(202);
});

describe('the org unit of a new case', () => {
  test("one outside the starter's units is refused with 403 naming orgUnit; an unknown one with 422", async () => {
    const outside = await alice().api('POST', '/api/cases', { processKey: key, input: { age: 30 }, orgUnit: 'huaiyin' });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: 'org_unit_forbidden', problems: [{ path: 'body/orgUnit' }] });
    const unknown = await alice().api('POST', '/api/cases', { processKey: key, input: { age: 30 }, orgUnit: 'atlantis' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_org_unit', problems: [{ path: 'body/orgUnit' }] });
    const malformed = await alice().api('POST', '/api/cases', { processKey: key, input: { age: 30 }, orgUnit: 'Not An Id' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.problems[0].path).toBe('body/orgUnit');
  });

  test('a starter with several units must say which (422 naming orgUnit), and may pick any unit below its own', async () => {
    const res = await twoUnits().api('POST', '/api/cases', { processKey: key, input: { age: 30 } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'org_unit_required', problems: [{ path: 'body/orgUnit' }] });
    const picked = await twoUnits().api('POST', '/api/cases', { processKey: key, input: { age: 30 }, orgUnit: 'jinhu' });
    expect(picked.status).toBe(201);
    expect(picked.body.orgUnit).toBe('jinhu');
    const sub = await alice().api('POST', '/api/cases', { processKey: key, input: { age: 30 }, orgUnit: street });
    expect(sub.status).toBe(201);
    await app.api('POST', `/api/cases/${picked.body.caseId}/cancel`);
    await app.api('POST', `/api/cases/${sub.body.caseId}/cancel`);
  });

  test('an administrator without units starts cases at the root', async () => {
    const res = await app.api('POST', '/api/cases', { processKey: key, input: { age: 30 } });
    expect(res.body.orgUnit).toBe('huaian');
    // Seen by no district, and by city-level staff, whose unit is the root.
    expect((await alice().api('GET', `/api/cases/${res.body.caseId}`)).status).toBe(404);
    const city = app.as(`cora-${suffix}`, { roles: ['operator'], orgUnits: ['huaian'] });
    expect((await city.api('GET', `/api/cases/${res.body.caseId}`)).status).toBe(200);
    const listed = (await city.api('GET', `/api/cases?processKey=${key}`)).body.items.map((c: { caseId: string }) => c.caseId);
    expect(listed).toEqual(expect.arrayContaining([res.body.caseId, inA, inB]));
    await app.api('POST', `/api/cases/${res.body.caseId}/cancel`);
  });
});

test('a unit moved to another district takes its cases along: the new district sees them, the old no longer does', async () => {
  const moved = `mv-${suffix}`;
  expect((await app.api('POST', '/api/org-units', { id: moved, parentId: 'qingjiangpu', name: { zh: '搬迁街道', en: 'Moving street' } })).status).toBe(201);
  const id = await start(app, { orgUnit: moved });
  expect((await alice().api('GET', `/api/cases/${id}`)).status).toBe(200);
  expect((await app.api('PUT', `/api/org-units/${moved}`, { parentId: 'huaiyin' })).status).toBe(200);
  expect((await alice().api('GET', `/api/cases/${id}`)).status).toBe(404);
  expect((await bob().api('GET', `/api/cases/${id}`)).status).toBe(200);
  const bobCases = (await bob().api('GET', `/api/cases?processKey=${key}`)).body.items.map((c: { caseId: string }) => c.caseId);
  expect(bobCases).toContain(id);
  await app.api('POST', `/api/cases/${id}/cancel`);
});
