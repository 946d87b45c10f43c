/** What global setup made, so teardown (run in the same process) can remove it. */
export interface TestState {
  databaseName: string | null;
  databaseUrl: string | null;
  bundlePath?: string;
}

/** The server the suite creates its database on: DATABASE_URL, else the local trust-auth PostgreSQL. */
export function adminUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
