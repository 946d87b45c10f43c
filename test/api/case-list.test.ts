/**
 * GET /api/cases from the case projection, on the real server: every filter, the sort orders,
 * paging, the total (exact, then estimated past 10,000), the org-unit scope, the heatmap, and
 * bad values refused naming the field.
 */
import { randomBytes } from 'node:crypto';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase } from '../support/processes';
import type { ProcessDefinition } from '../../workflows/definition/schema';

const app = useTestApp({ seed: false });

/** start → `check`, a task due after `deadline` (its escalation ends at once) → end. */
function checkProcess(key: string, deadline: string): ProcessDefinition {
  return chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' }, form: { type: 'object', properties: { note: { type: 'string' } } }, deadline },
      { id: 'done', type: 'end', outcome: 'checked' },
      { id: 'escalated', type: 'end' },
    ],
    [{ from: 'check', to: 'escalated', on: 'timeout' }],
  );
}

interface Item {
  caseId: string;
  version: number;
  status: string;
  currentNodes: string[];
  orgUnit: string;
  startedAt: string;
  endedAt: string | null;
  overdue: boolean;
  hasIncident: boolean;
}

const A = uniqueKey('clist-a');
const B = uniqueKey('clist-b');
const SUB = `sub-${randomBytes(3).toString('hex')}`;
const BK = `3208${randomBytes(6).toString('hex')}`;
/** c1: A v1, overdue at check (qingjiangpu); c2: A v2 at check (huaiyin); c3: B completed (qingjiangpu); c4: A v2 cancelled; c5: B completed in a unit below qingjiangpu. */
const ids: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5', string> = { c1: '', c2: '', c3: '', c4: '', c5: '' };
let items: Record<string, Item> = {};

const list = async (query: string) => {
  const res = await app.api('GET', `/api/cases?${query}`);
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { items: Item[]; nextCursor: string | null; total: number; totalExact: boolean };
};
const idsOf = async (query: string) => (await list(query)).items.map((i) => i.caseId).sort();
const sorted = (...names: (keyof typeof ids)[]) => names.map((n) => ids[n]).sort();

beforeAll(async () => {
  expect((await app.api('POST', '/api/org-units', { id: SUB, parentId: 'qingjiangpu', name: { zh: '街道', en: 'Street' } })).status).toBe(201);
  await publish(app, checkProcess(A, 'PT1S'));
  await publish(app, chain(B, [{ id: 'start', type: 'start' }, { id: 'end', type: 'end' }]));
  ids.c1 = await startCase(app, A, {}, { businessKey: BK, orgUnit: 'qingjiangpu' });
  ids.c3 = await startCase(app, B, {}, { orgUnit: 'qingjiangpu' });
  await publish(app, checkProcess(A, 'PT1H'));
  ids.c2 = await startCase(app, A, {}, { orgUnit: 'huaiyin' });
  ids.c4 = await startCase(app, A, {}, { orgUnit: 'huaiyin' });
  ids.c5 = await startCase(app, B, {}, { orgUnit: SUB });
  // The projection follows the cases: wait until it shows each where it is.
  await eventually(async () => ((await list(`processKey=${A}&node=check`)).items.length === 3 ? true : undefined), 30_000, 'three cases at check');
  expect((await app.api('POST', `/api/cases/${ids.c4}/cancel`)).status).toBe(202);
  items = await eventually(
    async () => {
      const all = [...(await list(`processKey=${A}`)).items, ...(await list(`processKey=${B}`)).items];
      const c1 = all.find((i) => i.caseId === ids.c1);
      // c1's escalation passes its end node 'escalated' and leaves it: wait until the projection has it back at check only.
      const done = all.filter((i) => i.status !== 'running').length === 3 && c1?.overdue && c1.currentNodes.join() === 'check';
      return done ? Object.fromEntries(all.map((i) => [i.caseId, i])) : undefined;
    },
    30_000,
    'the projection to show the ends and the overdue case',
  );
});

test('each listed case says its process version, status, current nodes, unit, times and flags', () => {
  expect(items[ids.c1]).toMatchObject({ version: 1, status: 'running', currentNodes: ['check'], orgUnit: 'qingjiangpu', endedAt: null, overdue: true, hasIncident: false });
  expect(items[ids.c2]).toMatchObject({ version: 2, status: 'running', currentNodes: ['check'], orgUnit: 'huaiyin', overdue: false });
  expect(items[ids.c3]).toMatchObject({ status: 'completed', currentNodes: [], endedAt: expect.any(String) });
  expect(items[ids.c4]).toMatchObject({ status: 'cancelled', currentNodes: [], endedAt: expect.any(String) });
  expect(items[ids.c5]).toMatchObject({ status: 'completed', orgUnit: SUB });
});

test('filters: process, version, status, current node', async () => {
  expect(await idsOf(`processKey=${A}`)).toEqual(sorted('c1', 'c2', 'c4'));
  expect(await idsOf(`processKey=${A}&version=1`)).toEqual(sorted('c1'));
  expect(await idsOf(`processKey=${A}&version=2`)).toEqual(sorted('c2', 'c4'));
  expect(await idsOf(`processKey=${B}&status=completed`)).toEqual(sorted('c3', 'c5'));
  expect(await idsOf(`processKey=${A}&status=cancelled`)).toEqual(sorted('c4'));
  expect(await idsOf(`processKey=${A}&node=check`)).toEqual(sorted('c1', 'c2'));
  expect(await idsOf(`processKey=${A}&node=done`)).toEqual([]);
});

test('filters: org unit with its subtree, and only within the caller’s own units', async () => {
  expect(await idsOf(`processKey=${B}&orgUnit=qingjiangpu`)).toEqual(sorted('c3', 'c5'));
  expect(await idsOf(`processKey=${B}&orgUnit=${SUB}`)).toEqual(sorted('c5'));
  expect(await idsOf(`processKey=${A}&orgUnit=huaiyin`)).toEqual(sorted('c2', 'c4'));
  expect(await idsOf(`processKey=${A}&orgUnit=huaian`)).toEqual(sorted('c1', 'c2', 'c4'));
  const huaiyin = app.as('op-clist-huaiyin', { roles: ['operator'], orgUnits: ['huaiyin'] });
  const mine = await huaiyin.api('GET', `/api/cases?processKey=${A}`);
  expect(mine.body.items.map((i: Item) => i.caseId).sort()).toEqual(sorted('c2', 'c4'));
  expect(mine.body.total).toBe(2);
  // Asking for another district's cases gives none, not theirs.
  expect((await huaiyin.api('GET', `/api/cases?processKey=${A}&orgUnit=qingjiangpu`)).body.items).toEqual([]);
  const street = app.as('op-clist-street', { roles: ['operator'], orgUnits: [SUB] });
  expect((await street.api('GET', `/api/cases?processKey=${B}`)).body.items.map((i: Item) => i.caseId)).toEqual([ids.c5]);
});

test('filters: business key, exact, with or without the process', async () => {
  expect(await idsOf(`businessKey=${BK}`)).toEqual(sorted('c1'));
  expect(await idsOf(`businessKey=${BK}&processKey=${A}`)).toEqual(sorted('c1'));
  expect(await idsOf(`businessKey=${BK}&processKey=${B}`)).toEqual([]);
  expect(await idsOf(`businessKey=${BK.slice(0, -1)}`)).toEqual([]);
  // The key is matched through its hash: it appears nowhere in the projection.
  const rows = await app.platform.services.db.query(`SELECT * FROM case_projection WHERE case_id = $1`, [ids.c1]);
  expect(JSON.stringify(rows)).not.toContain(BK);
});

test('filters: started and ended date ranges', async () => {
  const c2 = items[ids.c2].startedAt;
  expect(await idsOf(`processKey=${A}&startedFrom=${c2}`)).toEqual(sorted('c2', 'c4'));
  expect(await idsOf(`processKey=${A}&startedTo=${c2}`)).toEqual(sorted('c1'));
  expect(await idsOf(`processKey=${A}&startedFrom=2000-01-01&startedTo=2000-01-02`)).toEqual([]);
  const c4end = items[ids.c4].endedAt!;
  expect(await idsOf(`processKey=${A}&endedFrom=${c4end}`)).toEqual(sorted('c4'));
  expect(await idsOf(`processKey=${A}&endedTo=${c4end}`)).toEqual([]);
  expect(await idsOf(`processKey=${B}&endedFrom=2000-01-01T00:00:00Z&endedTo=2999-01-01T00:00:00Z`)).toEqual(sorted('c3', 'c5'));
});

test('filters: has an incident, overdue', async () => {
  // The incident handling sets the flag; here it is set as it would.
  await app.platform.services.db.query(`UPDATE case_projection SET has_incident = true WHERE case_id = $1`, [ids.c2]);
  expect(await idsOf(`processKey=${A}&hasIncident=true`)).toEqual(sorted('c2'));
  expect(await idsOf(`processKey=${A}&hasIncident=false`)).toEqual(sorted('c1', 'c4'));
  expect(await idsOf(`processKey=${A}&overdue=true`)).toEqual(sorted('c1'));
  expect(await idsOf(`processKey=${A}&overdue=false`)).toEqual(sorted('c2', 'c4'));
});

test('sorted by start or end, either way; paged by cursor with the total', async () => {
  const asc = (await list(`processKey=${A}&sort=startedAt&order=asc`)).items.map((i) => i.caseId);
  expect(asc).toEqual([ids.c1, ids.c2, ids.c4]);
  expect((await list(`processKey=${A}`)).items.map((i) => i.caseId)).toEqual([ids.c4, ids.c2, ids.c1]);
  // A case not yet ended sorts as ending last.
  const byEnd = (await list(`processKey=${A}&sort=endedAt&order=asc`)).items.map((i) => i.caseId);
  expect(byEnd[0]).toBe(ids.c4);
  const pages: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(`processKey=${A}&sort=endedAt&order=desc&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    expect([page.total, page.totalExact]).toEqual([3, true]);
    pages.push(...page.items.map((i) => i.caseId));
    cursor = page.nextCursor;
  } while (cursor);
  expect(pages).toHaveLength(3);
  expect(pages[2]).toBe(ids.c4);
  expect(new Set(pages).size).toBe(3);
  // A cursor pages only the listing it came from.
  const first = await list(`processKey=${A}&limit=1`);
  expect((await app.api('GET', `/api/cases?processKey=${B}&limit=1&cursor=${first.nextCursor}`)).status).toBe(400);
});

test('the total is exact up to 10,000 and estimated beyond', async () => {
  const key = uniqueKey('clist-many');
  const db = app.platform.services.db;
  await db.query(
    `INSERT INTO case_projection (case_id, process_key, version, org_unit, started_at)
     SELECT $1 || '.' || lpad(to_hex(g), 32, '0'), $1, 1, 'huaian', now() - g * interval '1 second' FROM generate_series(1, 10050) g`,
    [key],
  );
  try {
    await db.query(`ANALYZE case_projection`);
    const page = await list(`processKey=${key}&limit=5`);
    expect(page.items).toHaveLength(5);
    expect(page.totalExact).toBe(false);
    expect(page.total).toBeGreaterThan(10_000);
    const few = await list(`processKey=${key}&startedFrom=${new Date(Date.now() - 100_000).toISOString()}`);
    expect(few.totalExact).toBe(true);
    expect(few.total).toBeLessThanOrEqual(100);
  } finally {
    await db.query(`DELETE FROM case_projection WHERE process_key = $1`, [key]);
  }
});

test('/api/instances answers the same list', async () => {
  const old = await app.api('GET', `/api/instances?processKey=${A}&node=check`);
  expect(old.status).toBe(200);
  expect(old.body.items.map((i: Item) => i.caseId).sort()).toEqual(sorted('c1', 'c2'));
});

test.each([
  ['status=sleeping', 'query/status'],
  ['version=0', 'query/version'],
  ['node=1bad', 'query/node'],
  ['orgUnit=Not_A_Unit', 'query/orgUnit'],
  ['startedFrom=yesterday', 'query/startedFrom'],
  ['endedTo=2026-13-01', 'query/endedTo'],
  ['startedFrom=0000-01-01T00:00:00Z', 'query/startedFrom'],
  ['startedFrom=2026-02-01&startedTo=2026-01-01', 'query/startedTo'],
  ['hasIncident=maybe', 'query/hasIncident'],
  ['overdue=1', 'query/overdue'],
  ['sort=name', 'query/sort'],
  ['order=up', 'query/order'],
  ['businessKey=', 'query/businessKey'],
  ['cursor=AAAA', 'query/cursor'],
  ['colour=red', 'query'],
])('%s is refused with a 400 naming %s', async (query, path) => {
  const res = await app.api('GET', `/api/cases?${query}`);
  expect(res.status).toBe(400);
  expect(res.body.error.problems.map((p: { path: string }) => p.path)).toContain(path);
});

test('the heatmap counts the running cases per node as the list does, and the time spent per node', async () => {
  const res = await app.api('GET', `/api/processes/${A}/heatmap`);
  expect(res.status).toBe(200);
  const check = res.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'check');
  const atCheck = await list(`processKey=${A}&node=check&status=running`);
  expect(check.open).toBe(atCheck.total);
  // c4 left check when cancelled; the escalation paths passed 'escalated'.
  expect(check.visits).toBe(1);
  expect(check.medianMs).toBeGreaterThanOrEqual(0);
  expect(res.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'start')).toMatchObject({ open: 0, visits: 3 });
  const v1 = await app.api('GET', `/api/processes/${A}/heatmap?version=1`);
  expect(v1.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'check').open).toBe(1);
  const before = await app.api('GET', `/api/processes/${A}/heatmap?from=2000-01-01T00:00:00Z&to=2000-02-01T00:00:00Z`);
  // Times are of that period (none then); the open counts are of now.
  expect(before.body.nodes.map((n: { nodeId: string; open: number; visits: number }) => [n.nodeId, n.open, n.visits])).toEqual([['check', 2, 0]]);
  expect((await app.api('GET', `/api/processes/${A}/heatmap?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`)).body.error.problems[0].path).toBe('query/to');
  expect((await app.api('GET', `/api/processes/${uniqueKey('none')}/heatmap`)).status).toBe(404);
  const huaiyin = app.as('op-clist-huaiyin', { roles: ['operator'], orgUnits: ['huaiyin'] });
  const scoped = await huaiyin.api('GET', `/api/processes/${A}/heatmap`);
  expect(scoped.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'check').open).toBe(1);
});
