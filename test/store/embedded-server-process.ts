/**
 * The embedded database server in a process of its own, for the concurrency
 * tests: PGlite's CommonJS build loads Node modules with import(), which jest's
 * module sandbox refuses, and another process is how a worker joins it anyway.
 * Prints one JSON line {"url": …}, then its warnings as pino JSON lines; SIGTERM
 * stops it (exit 0 once stop() has finished).
 * Usage: tsx test/store/embedded-server-process.ts [dataDir|-] [idleInTransactionTimeoutMs]
 */
import pino from 'pino';
import { startEmbeddedPostgres } from '../../engine/db/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, idleMs] = process.argv.slice(2);
  const log = pino({ level: 'warn' });
  const server = await startEmbeddedPostgres(dataDir && dataDir !== '-' ? dataDir : undefined, log, idleMs ? { idleInTransactionTimeoutMs: Number(idleMs) } : {});
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => {
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
