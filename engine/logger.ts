/**
 * Structured logs. Personal data (ID numbers, names, phone numbers, test results)
 * never goes into a log line: log ids and codes only. The redact list is a safety net.
 */
import pino, { type Logger } from 'pino';
import { prettyDestination } from './log-pretty';

export type { Logger };

/** JSON lines for machines; readable lines for a person at a terminal (the default when stdout is one). */
export type LogFormat = 'json' | 'pretty';

export function createLogger(level: string, name = 'epi-flow', format?: LogFormat, out: NodeJS.WriteStream = process.stdout): Logger {
  const pretty = (format ?? (out.isTTY ? 'pretty' : 'json')) === 'pretty';
  return pino(
    {
      name,
      level,
      redact: {
        paths: ['*.idNumber', '*.phone', '*.name', 'input', 'variables', 'payload', 'facts', 'data', '*.input', '*.variables', '*.payload'],
        censor: '[redacted]',
      },
    },
    pretty ? prettyDestination(out) : out,
  );
}
