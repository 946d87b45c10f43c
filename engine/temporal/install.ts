/**
 * `npm run temporal:install [-- --server]`: builds what Temporal needs ahead of time (CI does
 * this first), so no start waits minutes on `go install`: the CLI for the dev server, and with
 * --server the server and SQL tool of `npm run cluster`. Anything already built is kept.
 */
import { createLogger } from '../logger';
import { findTemporalCli, goAvailable, installTemporalCli } from './cli';
import { ensureServerBinaries } from './cluster/binaries';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--server');
  if (unknown.length) throw new Error(`usage: npm run temporal:install [-- --server], got '${unknown.join(' ')}'`);
  const log = createLogger(process.env.LOG_LEVEL ?? 'info', 'temporal-install');
  if (!goAvailable()) throw new Error('Go is not on the PATH: install Go (1.24 or newer) to build Temporal');
  const cli = findTemporalCli() ?? (await installTemporalCli(log));
  log.info({ cli }, 'Temporal CLI ready');
  if (args.includes('--server')) {
    const { server, sqlTool } = await ensureServerBinaries(log);
    log.info({ server, sqlTool }, 'Temporal server and SQL tool ready');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`temporal:install failed: ${(err as Error).message}\n`);
  process.exit(1);
});
