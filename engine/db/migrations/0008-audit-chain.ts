import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainHash, GENESIS_HASH } from '../../audit/audit-chain';

/** How many existing rows are hashed per round trip. */
const PAGE = 1000;

/**
 * The audit trail becomes tamper-evident and append-only: each row records where its request
 * came from and is chained to the row before it by hash (the rows written before this migration
 * are chained here, in id order); a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export class AuditChain1764900000000 implements MigrationInterface {
  name = 'AuditChain1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN ip text, ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    // A row's hash covers its time at the precision the writer holds it in (milliseconds).
    await q.query(`UPDATE audit_log SET at = date_trunc('milliseconds', at)`);
    let prev = GENESIS_HASH;
    let after = '0';
    for (;;) {
      const rows = (await q.query(`SELECT id::text AS id, actor, action, kind, key, detail, at FROM audit_log WHERE id > $1::bigint ORDER BY audit_log.id LIMIT ${PAGE}`, [after])) as {
        id: string; actor: string; action: string; kind: string; key: string; detail: object; at: Date;
      }[];
      if (rows.length === 0) break;
      const ids: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows) {
        const hash = chainHash(prev, { ...r, ip: null });
        ids.push(r.id);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await q.query(
        `UPDATE audit_log a SET prev_hash = c.prev_hash, hash = c.hash FROM unnest($1::bigint[], $2::text[], $3::text[]) AS c(id, prev_hash, hash) WHERE a.id = c.id`,
        [ids, prevs, hashes],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL, ALTER COLUMN at DROP DEFAULT`);
    // One successor per row: two writers that both read the same last row cannot both append.
    await q.query(`CREATE UNIQUE INDEX audit_log_prev_hash ON audit_log (prev_hash)`);
    // The audit API's filters, each with the id order it pages in.
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id)`);
    await q.query(`CREATE INDEX audit_log_action ON audit_log (action, id)`);
    await q.query(`CREATE INDEX audit_log_subject ON audit_log (kind, key, id)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    for (const index of ['audit_log_at', 'audit_log_subject', 'audit_log_action', 'audit_log_actor', 'audit_log_prev_hash']) await q.query(`DROP INDEX ${index}`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN at SET DEFAULT now(), DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN ip`);
  }
}
