/**
 * Finds the official Temporal CLI (which embeds the dev server), building it with
 * `go install` when Go is available and no binary is. CLI 1.6+ carries a `replace`
 * directive that `go install pkg@version` refuses, hence the pinned 1.5.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';

export const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function goBinDir(): string | undefined {
  const go = onPath('go');
  if (!go) return undefined;
  const res = spawnSync(go, ['env', 'GOBIN', 'GOPATH'], { encoding: 'utf8' });
  if (res.status !== 0) return undefined;
  const [gobin, gopath] = res.stdout.split('\n');
  if (gobin?.trim()) return gobin.trim();
  const first = (gopath ?? '').split(path.delimiter)[0]?.trim();
  return first ? path.join(first, 'bin') : path.join(os.homedir(), 'go', 'bin');
}

/** TEMPORAL_CLI, then the PATH, then Go's bin folder. */
export function findTemporalCli(explicit?: string): string | undefined {
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI must be an executable file, got '${explicit}'`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const bin = goBinDir();
  const inGoBin = bin ? path.join(bin, 'temporal') : undefined;
  return inGoBin && isExecutable(inGoBin) ? inGoBin : undefined;
}

export function goAvailable(): boolean {
  return onPath('go') !== undefined;
}

/** Builds the CLI with `go install`, reporting progress: the first build takes several minutes. */
export async function installTemporalCli(log: Logger): Promise<string> {
  log.info({ module: CLI_MODULE }, 'Temporal CLI not found: building it with go install (first time only, takes a few minutes)');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', '-v', CLI_MODULE], { stdio: ['ignore', 'ignore', 'pipe'] });
    let downloaded = 0;
    let compiled = 0;
    let lastReport = 0;
    let tail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) {
        if (line.startsWith('go: downloading')) downloaded++;
        else if (line.trim()) compiled++;
      }
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log.info({ modulesDownloaded: downloaded, packagesBuilt: compiled, seconds: Math.round((Date.now() - started) / 1000) }, 'building Temporal CLI…');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install ${CLI_MODULE} failed (exit ${code}): ${tail.trim().split('\n').slice(-5).join(' | ')}`))));
  });
  const cli = findTemporalCli();
  if (!cli) throw new Error('go install succeeded but the temporal binary is not in Go\'s bin folder');
  log.info({ cli, seconds: Math.round((Date.now() - started) / 1000) }, 'Temporal CLI built');
  return cli;
}
