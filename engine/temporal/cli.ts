/**
 * Finds the official Temporal CLI (which embeds the dev server), building it with
 * `go install` when Go is available and no binary is. CLI 1.6+ carries a `replace`
 * directive that `go install pkg@version` refuses, hence the pinned 1.5.1.
 */
import path from 'node:path';
import type { Logger } from '../logger';
import { goBinDir, goInstall, isExecutable, onPath } from './go-install';

export { goAvailable } from './go-install';

export const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

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

/** Builds the CLI with `go install`, reporting progress: the first build takes several minutes. */
export async function installTemporalCli(log: Logger): Promise<string> {
  log.info({ module: CLI_MODULE }, 'Temporal CLI not found: building it with go install (first time only, takes a few minutes)');
  const started = Date.now();
  await goInstall({ packages: [CLI_MODULE], what: 'Temporal CLI', log });
  const cli = findTemporalCli();
  if (!cli) throw new Error('go install succeeded but the temporal binary is not in Go\'s bin folder');
  log.info({ cli, seconds: Math.round((Date.now() - started) / 1000) }, 'Temporal CLI built');
  return cli;
}
