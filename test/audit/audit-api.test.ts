/**
 * GET /api/audit on the real API and database: who may read it, its filters, keyset paging
 * with cursors bound to their listing, and the chain staying whole under concurrent writes.
 */
import { verifyAuditChain } from '../../engine/audit/verify';
import { uniqueKey, useTestApp } from '../support/app';
import { taskProcess } from '../support/processes';

const app = useTestApp({ seed: false });

const createProcess = (as: string, key: string) =>
  app.as(as, { roles: ['designer'] }).api('POST', '/api/processes', { key, name: { zh: key, en: key }, definition: taskProcess(key) });
const saveDraft = (as: string, key: string, title: string) =>
  app.as(as, { roles: ['designer'] }).api('PUT', `/api/processes/${key}/draft`, { definition: taskProcess(key, title) });
const audit = (query: string) => app.as('auditor-audit', { roles: ['auditor'] }).api('GET', `/api/audit?${query}`);

test('20 concurrent draft saves on 20 processes keep one unbroken chain, each row with its actor and address', async () => {
  const keys = Array.from({ length: 20 }, () => uniqueKey('chain'));
  expect((await Promise.all(keys.map((k) => createProcess('designer-audit', k)))).map((r) => r.status)).toEqual(keys.map(() => 201));
  const saves = await Promise.all(keys.map((k, i) => saveDraft('designer-audit', k, `edit ${i}`)));
  expect(saves.map((r) => r.status)).toEqual(keys.map(() => 200));
  const report = await verifyAuditChain((sql, p) => app.platform.services.db.query(sql, p));
  expect(report.ok).toBe(true);
  for (const key of keys) {
    const rows = (await audit(`kind=process&key=${key}`)).body.items;
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['save_draft', 'create']);
    expect(rows[0]).toMatchObject({ actor: 'designer-audit', ip: '127.0.0.1' });
    // The save names the draft it replaced and the one it wrote.
    expect(rows[0].detail.before).toBe(rows[1].detail.after);
    expect(rows[0].detail.after).toMatch(/^sha256:/);
    expect(rows[0].prevHash).toMatch(/^[0-9a-f]{64}$/);
  }
});

describe('filters and paging', () => {
  const key = uniqueKey('audited');
  let started: string;

  beforeAll(async () => {
    started = new Date().toISOString();
    await createProcess('designer-one', key);
    for (let i = 0; i < 4; i++) await saveDraft(i % 2 ? 'designer-two' : 'designer-one', key, `v${i}`);
  });

  test('by object, actor and action, newest first', async () => {
    const all = (await audit(`kind=process&key=${key}`)).body;
    expect(all.items.map((r: { action: string; actor: string }) => `${r.action} ${r.actor}`)).toEqual([
      'save_draft designer-two',
      'save_draft designer-one',
      'save_draft designer-two',
      'save_draft designer-one',
      'create designer-one',
    ]);
    expect(all.nextCursor).toBeNull();
    const two = (await audit(`key=${key}&actor=designer-two`)).body.items;
    expect(two).toHaveLength(2);
    expect((await audit(`key=${key}&action=create`)).body.items).toHaveLength(1);
    expect((await audit(`key=${key}&kind=ruleset`)).body.items).toEqual([]);
  });

  test('by time: from inclusive, to exclusive', async () => {
    const rows = (await audit(`key=${key}`)).body.items as { at: string }[];
    const newest = rows[0].at;
    expect((await audit(`key=${key}&from=${encodeURIComponent(started)}`)).body.items).toHaveLength(5);
    expect((await audit(`key=${key}&from=${encodeURIComponent(newest)}`)).body.items).toHaveLength(1);
    expect((await audit(`key=${key}&to=${encodeURIComponent(newest)}`)).body.items).toHaveLength(4);
    expect((await audit(`key=${key}&to=${encodeURIComponent(started)}`)).body.items).toHaveLength(0);
  });

  test('pages of two walk every row once, in order, and a cursor pages only its own listing', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await audit(`key=${key}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
      pages++;
      // A row appended meanwhile (newer, above the cursor) shifts nothing.
      if (pages === 1) await saveDraft('designer-one', key, 'meanwhile');
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    const first = (await audit(`key=${key}&limit=2`)).body;
    const other = await audit(`actor=designer-one&limit=2&cursor=${first.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.error.problems[0]).toMatchObject({ path: 'query/cursor', code: 'invalid_cursor' });
  });

  test('bad filters are a 400 naming the field', async () => {
    for (const [query, path] of [
      ['from=yesterday', 'query/from'],
      // Well-formed ISO text PostgreSQL cannot take (was a 500, found by the API fuzz).
      [`to=${encodeURIComponent('0000-08-01T10:00:00-20:00')}`, 'query/to'],
      [`from=${encodeURIComponent('0000-01-01T00:00:00Z')}`, 'query/from'],
      [`from=${encodeURIComponent('2026-11-29T10:00:00Z')}&to=${encodeURIComponent('2026-11-29T09:00:00Z')}`, 'query/to'],
      ['limit=0', 'query/limit'],
      ['colour=red', 'query'],
      ['cursor=made-up', 'query/cursor'],
    ]) {
      const res = await audit(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
  });
});

test('auditors and administrators read the trail; a designer or operator is refused, an anonymous caller asked to sign in', async () => {
  expect((await audit('limit=1')).status).toBe(200);
  expect((await app.api('GET', '/api/audit?limit=1')).status).toBe(200);
  expect((await app.as('designer-audit', { roles: ['designer'] }).api('GET', '/api/audit')).status).toBe(403);
  expect((await app.as('operator-audit', { roles: ['operator'] }).api('GET', '/api/audit')).status).toBe(403);
  expect((await app.anonymous.api('GET', '/api/audit')).status).toBe(401);
});
