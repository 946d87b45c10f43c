import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Versioned documents (processes, rule sets), cases, decisions, tasks, the case log and the audit trail. */
export class Initial1764300000000 implements MigrationInterface {
  name = 'Initial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        kind text NOT NULL CHECK (kind IN ('process', 'ruleset')),
        key text NOT NULL,
        name jsonb NOT NULL,
        draft jsonb,
        draft_author text,
        draft_updated_at timestamptz,
        latest_version integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`);
    await q.query(`
      CREATE TABLE document_versions (
        kind text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        hash text NOT NULL,
        author text NOT NULL,
        comment text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key, version),
        FOREIGN KEY (kind, key) REFERENCES documents (kind, key)
      )`);
    await q.query(`
      CREATE TABLE instances (
        id text PRIMARY KEY,
        process_key text NOT NULL,
        version integer NOT NULL,
        business_key text,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX instances_process ON instances (process_key, started_at DESC)`);
    await q.query(`
      CREATE TABLE decisions (
        id bigserial PRIMARY KEY,
        instance_id text NOT NULL,
        node_id text NOT NULL,
        ruleset_key text NOT NULL,
        ruleset_version integer NOT NULL,
        facts jsonb NOT NULL,
        events jsonb NOT NULL,
        outcome text,
        trace jsonb NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decisions_instance ON decisions (instance_id, id)`);
    await q.query(`CREATE INDEX decisions_ruleset ON decisions (ruleset_key, decided_at DESC)`);
    await q.query(`
      CREATE TABLE tasks (
        id text PRIMARY KEY,
        instance_id text NOT NULL,
        node_id text NOT NULL,
        title jsonb NOT NULL,
        form jsonb,
        role text,
        group_name text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'cancelled')),
        data jsonb,
        completed_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX tasks_open ON tasks (status, created_at)`);
    await q.query(`CREATE INDEX tasks_instance ON tasks (instance_id)`);
    await q.query(`
      CREATE TABLE case_log (
        id bigserial PRIMARY KEY,
        instance_id text NOT NULL,
        node_id text NOT NULL,
        level text NOT NULL DEFAULT 'info',
        message text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_log_instance ON case_log (instance_id, id)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'case_log', 'tasks', 'decisions', 'instances', 'document_versions', 'documents']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
