import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notice outbox is the platform's (engine/notices), but the first domain's migration
 * 0002 created its tables before the two were apart. Here the platform makes sure they exist
 * in their current shape, so a platform composed without that domain has them too; where 0002
 * (and 0005's rename) already ran, this changes nothing.
 */
export class NoticeOutbox1765000000000 implements MigrationInterface {
  name = 'NoticeOutbox1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS notices (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        case_id text NOT NULL,
        channel text NOT NULL,
        recipient jsonb NOT NULL,
        template text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS notices_pending ON notices (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX IF NOT EXISTS notices_instance ON notices (case_id)`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS notice_deliveries (
        id bigserial PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES notices (id),
        channel text NOT NULL,
        recipient jsonb NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS notice_deliveries_notice ON notice_deliveries (notice_id)`);
  }

  async down(): Promise<void> {
    // The tables may predate this migration (0002 made them): taking them away here would lose them.
  }
}
