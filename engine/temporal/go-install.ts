/**
 * Finding executables and building Go programs with `go install`, with progress in the log:
 * a first build of a Temporal program takes minutes, and silence that long reads as a hang.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function goAvailable(): boolean {
  return onPath('go') !== undefined;
}

/** Where `go install` puts binaries: GOBIN, else the first GOPATH's bin. */
export function goBinDir(): string | undefined {
  const go = onPath('go');
  if (!go) return undefined;
  const res = spawnSync(go, ['env', 'GOBIN', 'GOPATH'], { encoding: 'utf8' });
  if (res.status !== 0) return undefined;
  const [gobin, gopath] = res.stdout.split('\n');
  if (gobin?.trim()) return gobin.trim();
  const first = (gopath ?? '').split(path.delimiter)[0]?.trim();
  return first ? path.join(first, 'bin') : path.join(os.homedir(), 'go', 'bin');
}

export interface GoInstall {
  /** `module/path/cmd@version` lists, built in one `go install`. */
  packages: string[];
  /** Install into this folder instead of Go's bin folder. */
  gobin?: string;
  /** What the log calls it, e.g. "Temporal CLI". */
  what: string;
  log: Logger;
}

/** Runs `go install -v`, logging how far it got every 15 s; rejects with the end of Go's output. */
export async function goInstall({ packages, gobin, what, log }: GoInstall): Promise<void> {
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const env = gobin ? { ...process.env, GOBIN: gobin } : process.env;
    const child = spawn('go', ['install', '-v', ...packages], { env, stdio: ['ignore', 'ignore', 'pipe'] });
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
        log.info({ modulesDownloaded: downloaded, packagesBuilt: compiled, seconds: Math.round((Date.now() - started) / 1000) }, `building ${what}…`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`go install ${packages.join(' ')} failed (exit ${code}): ${tail.trim().split('\n').slice(-5).join(' | ')}`)),
    );
  });
}
