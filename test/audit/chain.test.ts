/**
 * The audit trail's chain on a database of its own: the migration chains the rows written
 * before it, appends chain under concurrency, UPDATE/DELETE/TRUNCATE are refused, and
 * `npm run audit:verify` names the first broken row after a superuser tampers with the table.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { appendAudit } from '../../engine/audit/append';
import { chainHash } from '../../engine/audit/audit-chain';
import { AuditEntity } from '../../engine/audit/audit.entity';
import { withRequestOrigin } from '../../engine/audit/origin';
import { verifyAuditChain } from '../../engine/audit/verify';
import { openDatabase } from '../../engine/db/data-source';
import { platformMigrations } from '../../engine/db/migrations';
import { AuditChain1764900000000 } from '../../engine/db/migrations/0008-audit-chain';
import { createLogger } from '../../engine/logger';
import { databaseKinds, scratchDatabase, type ScratchDatabase } from './audit-db';

const ROOT = path.resolve(__dirname, '../..');
const log = createLogger('error', 'test');

/** `npm run audit:verify` against `url`, as an operator runs it. */
function verifyCommand(url: string) {
  const r = spawnSync('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const opened: DataSource[] = [];
const scratch: ScratchDatabase[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((ds) => ds.destroy()));
  await Promise.all(scratch.splice(0).map((s) => s.drop()));
});

describe.each(databaseKinds)('on %s', (kind) => {
  /** A scratch database with every platform migration run, and `rows` audit rows appended. */
  async function chained(rows: number) {
    const db = await scratchDatabase(kind);
    scratch.push(db);
    const ds = await openDatabase({ url: db.url, log, poolSize: 5 });
    opened.push(ds);
    const appended = [];
    for (let i = 0; i < rows; i++) appended.push(await appendAudit(ds, { actor: `user-${i}`, action: 'save_draft', kind: 'process', key: 'p', detail: { after: `sha256:${i}` } }));
    return { db, ds, appended };
  }

  test('the migration chains the rows written before it, and the chain goes on from them', async () => {
    const db = await scratchDatabase(kind);
    scratch.push(db);
    const before = new DataSource({ type: 'postgres', url: db.url, migrations: platformMigrations.filter((m) => m !== AuditChain1764900000000) });
    await before.initialize();
    await before.runMigrations();
    // More than nine rows, so an order by id as text (1, 10, 11, 2...) would show.
    const old = [{ hash: 'sha256:a' }, { reason: '卡住了', n: 1.5, nested: { b: 1, a: [true, null] } }, {}, ...Array.from({ length: 9 }, (_, i) => ({ version: i, at: '2026-01-01T00:00:00Z' }))];
    for (const [i, detail] of old.entries()) {
      await before.query(`INSERT INTO audit_log (actor, action, kind, key, detail) VALUES ($1, 'publish', 'process', 'arrival', $2)`, [`user-${i}`, JSON.stringify(detail)]);
    }
    await before.destroy();

    const ds = await openDatabase({ url: db.url, log, poolSize: 2 });
    opened.push(ds);
    expect(await verifyAuditChain((sql, p) => ds.query(sql, p))).toMatchObject({ ok: true, rows: 12 });
    // Paged through in fives, the same.
    expect(await verifyAuditChain((sql, p) => ds.query(sql, p), 5)).toMatchObject({ ok: true, rows: 12 });
    const next = await appendAudit(ds, { actor: 'admin', action: 'create', kind: 'ruleset', key: 'r' });
    const rows = await ds.getRepository(AuditEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.actor)).toEqual([...old.map((_, i) => `user-${i}`), 'admin']);
    expect(next.prevHash).toBe(rows[11].hash);
    const cli = verifyCommand(db.url);
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.out).toContain('13 rows verified');
  });

  test('UPDATE, DELETE and TRUNCATE of the audit log are refused, even for the table owner', async () => {
    const { db, appended } = await chained(2);
    const refused = async (sql: string) => (await db.sql(sql).then(() => 'done', (err: Error) => err.message));
    expect(await refused(`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${appended[0].id}`)).toMatch(/append-only: UPDATE refused/);
    expect(await refused(`DELETE FROM audit_log WHERE id = ${appended[1].id}`)).toMatch(/append-only: DELETE refused/);
    expect(await refused(`TRUNCATE audit_log`)).toMatch(/append-only: TRUNCATE refused/);
    expect((await db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log`))[0].n).toBe('2');
    expect(verifyCommand(db.url)).toMatchObject({ code: 0 });
  });

  describe('a superuser who disables the trigger and tampers is found by npm run audit:verify', () => {
    /** Runs `sql` with the append-only trigger off, as someone with the rights to turn it off would. */
    const tamper = (db: ScratchDatabase, sql: string, params: unknown[] = []) =>
      db.sql(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`)
        .then(() => db.sql(sql, params))
        .then(() => db.sql(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`));

    test('a changed detail: exit 1 naming that row', async () => {
      const { db, appended } = await chained(5);
      expect(verifyCommand(db.url)).toMatchObject({ code: 0 });
      await tamper(db, `UPDATE audit_log SET detail = '{"after":"sha256:forged"}' WHERE id = $1`, [appended[2].id]);
      const cli = verifyCommand(db.url);
      expect(cli.code).toBe(1);
      expect(cli.err).toContain(`broken at row ${appended[2].id}`);
      expect(cli.err).toContain('user-2 save_draft process p');
      expect(cli.err).toContain('its content does not match its hash');
      expect(cli.err).toContain('the 2 rows before it verify');
    });

    // The other ways to break the chain are the verifier's logic, the same on any database: once is enough.
    if (kind === 'postgres') {
      test('a row changed and rehashed to match: the next row is named, pointing at it', async () => {
        const { db, appended } = await chained(4);
        const changed = { ...appended[1], actor: 'nobody' };
        await tamper(db, `UPDATE audit_log SET actor = $2, hash = $3 WHERE id = $1`, [changed.id, changed.actor, chainHash(changed.prevHash, changed)]);
        const cli = verifyCommand(db.url);
        expect(cli.code).toBe(1);
        expect(cli.err).toContain(`broken at row ${appended[2].id}`);
        expect(cli.err).toContain(`its prev_hash is not the hash of row ${appended[1].id}: row ${appended[1].id} was changed`);
      });

      test('a row removed from the middle: the row after the gap is named', async () => {
        const { db, appended } = await chained(4);
        await tamper(db, `DELETE FROM audit_log WHERE id = $1`, [appended[1].id]);
        const cli = verifyCommand(db.url);
        expect(cli.code).toBe(1);
        expect(cli.err).toContain(`broken at row ${appended[2].id}`);
        expect(cli.err).toContain(`is not the hash of row ${appended[0].id}`);
      });

      test('the first row removed: the new first row does not start the chain', async () => {
        const { db, appended } = await chained(3);
        await tamper(db, `DELETE FROM audit_log WHERE id = $1`, [appended[0].id]);
        const cli = verifyCommand(db.url);
        expect(cli.code).toBe(1);
        expect(cli.err).toContain(`broken at row ${appended[1].id}`);
        expect(cli.err).toContain('not the start of the chain');
      });
    }
  });

  test('20 writers at once on two pools keep one chain; a rolled-back write leaves no row', async () => {
    const { db, ds } = await chained(1);
    const other = await openDatabase({ url: db.url, log, poolSize: 5 });
    opened.push(other);
    const writes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? ds : other).transaction(async (m) => {
        await appendAudit(m, { actor: `writer-${i}`, action: 'complete', kind: 'task', key: `t${i}` });
        // Still holding the chain's lock: the others queue behind it rather than forking the chain.
        await m.query('SELECT pg_sleep(0.01)');
      }),
    );
    await expect(ds.transaction(async (m) => {
      await appendAudit(m, { actor: 'ghost', action: 'publish', kind: 'process', key: 'x' });
      throw new Error('the write failed after its audit row');
    })).rejects.toThrow('the write failed');
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const report = await verifyAuditChain((sql, p) => ds.query(sql, p));
    expect(report).toMatchObject({ ok: true, rows: 21 });
    const rows = await ds.getRepository(AuditEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.actor)).not.toContain('ghost');
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(21);
  });

  test('a row written while serving a request records where the request came from', async () => {
    const { ds } = await chained(0);
    const served = await withRequestOrigin({ ip: '10.20.30.40' }, () => appendAudit(ds, { actor: 'li', action: 'sign_in', kind: 'user', key: 'li' }));
    const unserved = await appendAudit(ds, { actor: 'system', action: 'seed', kind: 'process', key: 'p' });
    expect(served.ip).toBe('10.20.30.40');
    expect(unserved.ip).toBeNull();
    const stored = await ds.getRepository(AuditEntity).findOneByOrFail({ id: served.id });
    expect(stored).toMatchObject({ ip: '10.20.30.40', prevHash: '0'.repeat(64), hash: served.hash });
  });
});
