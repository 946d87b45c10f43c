/**
 * A database of the audit tests' own, so they can tamper with the trail as a superuser without
 * touching the suite's: a fresh database on the suite's PostgreSQL, or the embedded PGlite (what
 * `npm start` runs) in a process of its own (jest's sandbox cannot load PGlite).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from 'pg';
import { ROOT, withTsxLoader } from '../support/os-processes';
import { scratchDatabase as scratchOnServer } from '../support/scratch-database';

export type DatabaseKind = 'postgres' | 'pglite';

/** PostgreSQL when the suite has it (it always has PGlite). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];

export interface ScratchDatabase {
  url: string;
  /** Runs one statement on a connection of its own (as the superuser the suite connects as). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function embedded(): Promise<{ url: string; drop(): Promise<void> }> {
  const child = spawn(process.execPath, withTsxLoader(path.join(ROOT, 'test/store/embedded-server-process.ts'), '-'), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const { url } = JSON.parse(line) as { url?: string };
      if (url) resolve({ url, drop: async () => void (child.kill('SIGTERM'), await exited) });
    });
    void exited.then((code) => reject(new Error(`the embedded server exited with ${code} before it was ready`)));
  });
}

export async function scratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  const { url, drop } = kind === 'postgres' ? await scratchOnServer() : await embedded();
  return {
    url,
    async sql<T>(text: string, params?: unknown[]) {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
    drop,
  };
}
