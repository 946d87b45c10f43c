/**
 * Where the cluster keeps its data: two databases on one PostgreSQL server, named after
 * TEMPORAL_DATABASE_URL's database (`temporal` → `temporal` and `temporal_visibility`, the
 * names Temporal's own tools use).
 */
export interface TemporalStore {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

/** Reads a postgres:// URL; the database defaults to `temporal`. */
export function storeFromUrl(url: string): TemporalStore {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'temporal';
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password),
    database,
    visibilityDatabase: `${database}_visibility`,
  };
}
