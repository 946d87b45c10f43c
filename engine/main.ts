/**
 * `npm start` (all), `npm run api`, `npm run worker`. Prints where to go, and on
 * SIGINT/SIGTERM drains the worker, closes the HTTP server and stops the
 * embedded services, leaving no process behind.
 */
import { ConfigError, loadConfig } from './config';
import { ensureEditorBuilt } from './editor-build';
import { createLogger } from './logger';
import { startPlatform, type Mode } from './platform';

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'api', 'worker'].includes(mode)) {
    process.stderr.write(`usage: tsx engine/main.ts [all|api|worker], got '${mode}'\n`);
    process.exit(1);
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const started = Date.now();
  if (mode !== 'worker') await ensureEditorBuilt(log);
  const platform = await startPlatform({ mode, config, log, persistent: true });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await platform.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const lines = [`epi-flow ${mode} started in ${((Date.now() - started) / 1000).toFixed(1)} s`];
  if (platform.url) lines.push(`  Web app:          ${platform.url}`, `  API docs:         ${platform.url}/api/openapi.json`);
  if (platform.temporalUiUrl) lines.push(`  Temporal Web UI:  ${platform.temporalUiUrl}`);
  lines.push(`  Temporal:         ${platform.temporalAddress}`);
  if (mode === 'all' && !config.temporal.address) {
    lines.push(`  More workers:     TEMPORAL_ADDRESS=${platform.temporalAddress} DATABASE_URL=${platform.databaseUrl} npm run worker`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`epi-flow failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
