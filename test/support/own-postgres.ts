/**
 * A PostgreSQL server of a test's own (initdb in a temporary folder, a free port, trust
 * authentication), for a test that stops and starts the database: the machine's shared server
 * serves the other tests and must stay up. Runs as the `postgres` OS user when the tests run as
 * root (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './os-processes';

const BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')));

export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  stop(): void;
  start(): void;
  /** Stops the server and removes its folder. */
  destroy(): void;
}

function run(cmd: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN!, cmd), ...args]] : [path.join(BIN!, cmd), args];
  execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
}

export async function startOwnPostgres(databases: string[]): Promise<OwnPostgres> {
  if (!BIN) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // The socket in our folder, not /var/run/postgresql (the machine's server has that).
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  for (const db of databases) run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', db]);
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
