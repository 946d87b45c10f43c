/**
 * What `npm start` (all: the supervisor, which runs the API and the worker as processes of
 * their own), `npm run api` and `npm run worker` do, for the entry point that composes the
 * platform with a domain (app/main.ts). Prints where to go, and on SIGINT/SIGTERM drains the
 * worker, closes the HTTP server and stops the embedded services, leaving no process behind.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import type { DomainModule } from './domain-module';
import { ensureEditorBuilt } from './editor-build';
import { createLogger, type Logger } from './logger';
import { startPlatform, type Mode } from './platform';
import { linkToSupervisor } from './supervisor/parent-link';
import { runSupervisor } from './supervisor/supervisor';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * Stops on SIGINT/SIGTERM (and, for a supervised part, when the supervisor is gone), then
 * exits. A supervised part ignores SIGINT: Ctrl-C reaches the whole process group, and the
 * supervisor stops its parts in order.
 */
function stopOnSignals(log: Logger, stop: () => Promise<void>, supervised = false): (reason: string) => void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => log.info('stopped'))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => (supervised ? undefined : onSignal('SIGINT')));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return (reason) => {
    // Whoever ran us is gone (with the embedded services, for a part): a graceful stop may
    // wait on connections that cannot answer, so it gets a moment, then the process ends.
    setTimeout(() => process.exit(1), ORPHAN_EXIT_MS).unref();
    onSignal(reason);
  };
}

const ORPHAN_EXIT_MS = 3000;

/**
 * The supervisor stops when whatever launched it (npm, tsx) is killed: an orphaned
 * supervisor would keep the port and the data directory with nobody to stop it.
 */
function watchParent(onGone: (reason: string) => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone('launcher gone');
  }, 1000);
  timer.unref();
}

/** The composition an entry point launches: the domain, and the entry's own file, which the supervisor runs again for each part. */
export interface Composition<A extends object> {
  domain: DomainModule<A>;
  /** `__filename` of the entry point (main.ts under tsx, main.js once compiled). */
  entry: string;
}

async function run<A extends object>({ domain, entry }: Composition<A>): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'api', 'worker'].includes(mode)) {
    process.stderr.write(`usage: ${path.relative(process.cwd(), entry)} [all|api|worker], got '${mode}'\n`);
    process.exit(1);
  }
  const config = readConfig();
  const log = createLogger(config.logLevel, mode === 'all' ? 'epi-flow' : `epi-flow-${mode}`);
  const started = Date.now();

  if (mode === 'all') {
    await ensureEditorBuilt(log);
    const parts = await runSupervisor(config, log, { entry, domain });
    const parentGone = stopOnSignals(log, parts.stop);
    watchParent(parentGone);
    const lines = [
      `epi-flow started in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  Web app:          ${parts.url}`,
      `  API docs:         ${parts.url}/api/openapi.json`,
    ];
    if (parts.temporalUiUrl) lines.push(`  Temporal Web UI:  ${parts.temporalUiUrl}`);
    lines.push(`  Temporal:         ${parts.temporalAddress}${config.temporal.address ? '' : ` (${config.temporal.mode === 'cluster' ? 'cluster on PostgreSQL' : 'dev server'})`}`);
    lines.push(`  Metrics:          ${parts.metricsUrls.join('\n                    ')}`);
    if (!config.temporal.address) {
      const keys = parts.payloadKeysFile ? ` PAYLOAD_ENCRYPTION_KEYS_FILE=${parts.payloadKeysFile}` : '';
      lines.push(`  More workers:     TEMPORAL_ADDRESS=${parts.temporalAddress} DATABASE_URL=${parts.databaseUrl}${keys} npm run worker`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }

  if (mode === 'api') await ensureEditorBuilt(log);
  let stopPlatform = async () => undefined as void;
  const supervisorGone = stopOnSignals(log, () => stopPlatform(), Boolean(process.send));
  const link = linkToSupervisor(() => supervisorGone('supervisor gone'));
  const platform = await startPlatform({ mode, config, log, domain, persistent: true, supervisedParts: link?.parts });
  stopPlatform = platform.stop;
  link?.ready({ url: platform.url, metricsUrl: platform.metricsUrl });
  if (link) return;
  const lines = [`epi-flow ${mode} started in ${((Date.now() - started) / 1000).toFixed(1)} s`];
  if (platform.url) lines.push(`  Web app:          ${platform.url}`, `  API docs:         ${platform.url}/api/openapi.json`);
  lines.push(`  Temporal:         ${platform.temporalAddress}`);
  if (platform.metricsUrl) lines.push(`  Metrics:          ${platform.metricsUrl}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Runs the mode the command line names (all, api or worker) of the composition, or exits 1 saying why it cannot start. */
export function launch<A extends object>(composition: Composition<A>): void {
  run(composition).catch((err: unknown) => {
    process.stderr.write(`epi-flow failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
