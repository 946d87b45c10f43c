/**
 * Structured logs. Personal data (ID numbers, names, phone numbers, test results)
 * never goes into a log line: log ids and codes only. The redact list is a safety net.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'epi-flow'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['*.idNumber', '*.phone', '*.name', 'input', 'variables', 'payload', 'facts', 'data', '*.input', '*.variables', '*.payload'],
      censor: '[redacted]',
    },
  });
}
