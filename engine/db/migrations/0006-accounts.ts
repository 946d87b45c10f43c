import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may sign in: accounts (local password or single sign-on), their sessions and API tokens,
 * and the sign-ins under way at an OpenID provider. Session ids and tokens are stored only as
 * their SHA-256: a copy of the database holds nothing that signs anyone in.
 */
export class Accounts1764700000000 implements MigrationInterface {
  name = 'Accounts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username)),
        password_hash text,
        display_name text NOT NULL DEFAULT '',
        roles text[] NOT NULL DEFAULT '{}',
        org_units text[] NOT NULL DEFAULT '{}',
        locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
        disabled boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        oidc_subject text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        hint text NOT NULL,
        permissions text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_tokens_user ON api_tokens (user_id)`);
    await q.query(`
      CREATE TABLE oidc_logins (
        state text PRIMARY KEY,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS oidc_logins`);
    await q.query(`DROP TABLE IF EXISTS api_tokens`);
    await q.query(`DROP TABLE IF EXISTS sessions`);
    await q.query(`DROP TABLE IF EXISTS users`);
  }
}
