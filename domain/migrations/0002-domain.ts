import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The domain activities' tables: people and their registrations, document checks,
 * tests, quarantine sites and their assignments, the notice outbox, escalations,
 * release records and cold-chain trace codes. Every side effect an activity makes
 * carries its idempotency key under a unique constraint, so a retried attempt
 * finds its first attempt's row instead of writing a second one.
 */
export class Domain1764400000000 implements MigrationInterface {
  name = 'Domain1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE persons (
        id uuid PRIMARY KEY,
        id_type text NOT NULL,
        id_number text NOT NULL,
        name text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id_type, id_number)
      )`);
    await q.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        person_id uuid NOT NULL REFERENCES persons (id),
        context text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX registrations_person ON registrations (person_id)`);
    await q.query(`
      CREATE TABLE document_checks (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        person_id uuid NOT NULL REFERENCES persons (id),
        source text NOT NULL,
        health_code text NOT NULL,
        itinerary_risk text NOT NULL,
        test_result text NOT NULL,
        test_age_hours double precision NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE lab_tests (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        subject text NOT NULL,
        kind text NOT NULL,
        lab_ref text,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'resulted')),
        result text CHECK (result IN ('negative', 'positive', 'invalid')),
        resulted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lab_tests_subject ON lab_tests (subject, created_at)`);
    await q.query(`
      CREATE TABLE quarantine_sites (
        id text PRIMARY KEY,
        name jsonb NOT NULL,
        district text NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        occupied integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        CHECK (occupied >= 0 AND occupied <= capacity)
      )`);
    await q.query(`
      CREATE TABLE site_assignments (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        site_id text NOT NULL REFERENCES quarantine_sites (id),
        subject text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await q.query(`CREATE INDEX site_assignments_site ON site_assignments (site_id) WHERE released_at IS NULL`);
    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        instance_id text NOT NULL,
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
    await q.query(`CREATE INDEX notices_pending ON notices (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX notices_instance ON notices (instance_id)`);
    await q.query(`
      CREATE TABLE notice_deliveries (
        id bigserial PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES notices (id),
        channel text NOT NULL,
        recipient jsonb NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notice_deliveries_notice ON notice_deliveries (notice_id)`);
    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        node_id text NOT NULL,
        level text NOT NULL,
        reason text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        notice_id uuid NOT NULL REFERENCES notices (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX escalations_instance ON escalations (instance_id, created_at)`);
    await q.query(`CREATE SEQUENCE release_record_numbers`);
    await q.query(`
      CREATE TABLE release_records (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        number text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        subject text NOT NULL,
        kind text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE trace_codes (
        code text PRIMARY KEY,
        batch_id text NOT NULL UNIQUE,
        instance_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'trace_codes',
      'release_records',
      'escalations',
      'notice_deliveries',
      'notices',
      'site_assignments',
      'quarantine_sites',
      'lab_tests',
      'document_checks',
      'registrations',
      'persons',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS release_record_numbers`);
  }
}
