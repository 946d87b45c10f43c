/**
 * The Temporal server and its SQL tool, built once with `go install` into a cache folder of
 * their own (their binaries are called `server` and `sql`: too generic for Go's shared bin
 * folder), and the module's PostgreSQL schema files, which the SQL tool applies. 1.29.1 is
 * the server inside CLI 1.5.1, the newest that this Go builds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../logger';
import { goAvailable, goInstall, isExecutable } from '../go-install';

export const SERVER_MODULE = 'go.temporal.io/server';
export const SERVER_VERSION = 'v1.29.1';

export interface ServerBinaries {
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12` of the server module: `temporal/` and `visibility/`, each with `versioned/`. */
  schemaDir: string;
}

/** ~/.cache/epi-flow/temporal-v1.29.1 (XDG_CACHE_HOME is honoured). */
export function binariesDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'epi-flow', `temporal-${SERVER_VERSION}`);
}

/** The module's folder in Go's module cache (downloaded if it is not there). */
function moduleDir(): string {
  const res = spawnSync('go', ['mod', 'download', '-json', `${SERVER_MODULE}@${SERVER_VERSION}`], { cwd: os.tmpdir(), encoding: 'utf8' });
  const dir = res.status === 0 ? (JSON.parse(res.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) throw new Error(`go mod download ${SERVER_MODULE}@${SERVER_VERSION} failed: ${(res.stderr || res.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return dir;
}

/** The binaries and schema, building the binaries first when they are missing (minutes the first time). */
export async function ensureServerBinaries(log: Logger): Promise<ServerBinaries> {
  if (!goAvailable()) throw new Error(`a Temporal cluster needs Go to build ${SERVER_MODULE}@${SERVER_VERSION}: install Go, or use the dev server (TEMPORAL_MODE=dev)`);
  const dir = binariesDir();
  const server = path.join(dir, 'server');
  const sqlTool = path.join(dir, 'sql');
  if (!isExecutable(server) || !isExecutable(sqlTool)) {
    log.info({ module: `${SERVER_MODULE}@${SERVER_VERSION}`, into: dir }, 'Temporal server not built yet: building it and its SQL tool with go install (first time only, takes a few minutes)');
    const started = Date.now();
    fs.mkdirSync(dir, { recursive: true });
    await goInstall({
      packages: [`${SERVER_MODULE}/cmd/server@${SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@${SERVER_VERSION}`],
      gobin: dir,
      what: 'Temporal server',
      log,
    });
    log.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'Temporal server built');
  }
  const schemaDir = path.join(moduleDir(), 'schema', 'postgresql', 'v12');
  if (!fs.existsSync(path.join(schemaDir, 'temporal', 'versioned'))) throw new Error(`no PostgreSQL schema in ${schemaDir}`);
  return { server, sqlTool, schemaDir };
}
