/** What global setup made, so teardown (run in the same process) can remove it. */
export interface TestState {
  databaseName: string | null;
  databaseUrl: string | null;
  /** The run's files: the workflow bundle, the cluster's logs. */
  dataDir: string;
  /** The cluster profile's Temporal databases. */
  temporalDatabases?: string[];
}

/** The server the suite creates its database on: DATABASE_URL, else the local trust-auth PostgreSQL. */
export function adminUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Runs one statement on the admin server (CREATE DATABASE, DROP DATABASE...). */
export async function adminSql(sql: string): Promise<void> {
  const { Client } = await import('pg');
  const pg = new Client({ connectionString: adminUrl() });
  await pg.connect();
  try {
    await pg.query(sql);
  } finally {
    await pg.end();
  }
}
