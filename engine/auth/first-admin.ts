/**
 * First start: with no account at all, create `admin` with ADMIN_PASSWORD, or with a random
 * password printed once to stdout (like Grafana or Jenkins). Never a default password. Several
 * processes starting on one empty database race; the unique username lets one win, and only
 * the winner prints.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ConflictError } from '../errors';
import type { Logger } from '../logger';
import type { UserService } from './users';

export const FIRST_ADMIN = 'admin';

/** The root of the org-unit tree: the first administrator works city-wide. */
async function rootUnits(db: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM org_units WHERE parent_id IS NULL`);
  return rows.map((r) => r.id);
}

/** Creates the first administrator when there is no account; answers whether it did. */
export async function ensureFirstAdmin(db: DataSource, users: UserService, adminPassword: string | undefined, log: Logger, print: (line: string) => void): Promise<boolean> {
  if (await users.any()) return false;
  // 18 random bytes: 24 characters of base64url, over the 12-character rule.
  const password = adminPassword ?? randomBytes(18).toString('base64url');
  try {
    await users.create({ username: FIRST_ADMIN, password, displayName: 'Administrator', roles: ['admin'], orgUnits: await rootUnits(db), locale: 'zh-CN' }, 'system');
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
  log.warn({ username: FIRST_ADMIN }, 'first start: created the administrator account');
  print(
    adminPassword
      ? `First start: created the administrator "${FIRST_ADMIN}" with the password in ADMIN_PASSWORD.`
      : `First start: created the administrator "${FIRST_ADMIN}" with the password ${password} (shown only this once: sign in and change it).`,
  );
  return true;
}
