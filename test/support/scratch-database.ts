/** A fresh database of its own on the suite's PostgreSQL server, for a test that must see no other test's rows. */
import { randomBytes } from 'node:crypto';
import { adminSql, adminUrl } from './state';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `epiflow_scratch_${randomBytes(4).toString('hex')}`;
  await adminSql(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
