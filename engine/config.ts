/**
 * The one place configuration is read. Every variable is validated here; a bad
 * value stops the process with one line naming the variable and the value.
 */
import path from 'node:path';
import { z } from 'zod';

const hostPort = (name: string) =>
  z.string().refine((v) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(v) && Number(v.split(':')[1]) <= 65535, {
    error: (iss) => `${name} must be host:port, got '${String(iss.input)}'`,
  });

const port = (name: string) =>
  z.string().refine((v) => /^\d{1,5}$/.test(v) && Number(v) > 0 && Number(v) <= 65535, {
    error: (iss) => `${name} must be a port number (1-65535), got '${String(iss.input)}'`,
  }).transform(Number);

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
  error: (iss) => `DATABASE_URL must be a postgres:// URL, got '${String(iss.input).replace(/:[^:@/]*@/, ':***@')}'`,
});

const oneOf = <T extends string>(name: string, values: readonly [T, ...T[]]) =>
  z.string().refine((v): v is T => (values as readonly string[]).includes(v), {
    error: (iss) => `${name} must be one of ${values.join(', ')}, got '${String(iss.input)}'`,
  }) as unknown as z.ZodType<T, string>;

const positiveInt = (name: string) =>
  z.string().refine((v) => /^\d+$/.test(v) && Number(v) > 0, {
    error: (iss) => `${name} must be a positive integer, got '${String(iss.input)}'`,
  }).transform(Number);

/** Every environment variable the app reads, with its default. The README's table mirrors this. */
export const envSchema = z.object({
  PORT: port('PORT').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_ADDRESS: hostPort('TEMPORAL_ADDRESS').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('epi-flow'),
  TEMPORAL_CLI: z.string().min(1).optional(),
  TEMPORAL_UI_URL: z.string().url().optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_MAX_ACTIVITIES: positiveInt('WORKER_MAX_ACTIVITIES').default(100),
  HTTP_ALLOWED_HOSTS: z.string().default(''),
  NOTIFIER: oneOf('NOTIFIER', ['local', 'webhook']).default('local'),
  NOTIFIER_WEBHOOK_URL: z.string().url().optional(),
  SEED: oneOf('SEED', ['true', 'false']).default('true'),
  PAYLOAD_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
      error: () => 'PAYLOAD_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32); the value given is not (not shown: it is a secret)',
    })
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  temporal: { address?: string; namespace: string; taskQueue: string; cli?: string; uiUrl?: string };
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
  workerMaxActivities: number;
  httpAllowedHosts: string[];
  notifier: { kind: 'local' | 'webhook'; webhookUrl?: string };
  seed: boolean;
  /** AES-256 key for Temporal payloads; unset: payloads are stored in clear. */
  payloadKey?: Buffer;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/** Reads and validates the environment; throws ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) =>
      i.message.includes(String(i.path[0])) ? i.message : `${String(i.path[0])}: ${i.message}`,
    );
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  if (e.NOTIFIER === 'webhook' && !e.NOTIFIER_WEBHOOK_URL) {
    throw new ConfigError("NOTIFIER_WEBHOOK_URL must be set when NOTIFIER is 'webhook'");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      cli: e.TEMPORAL_CLI,
      uiUrl: e.TEMPORAL_UI_URL,
    },
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    workerMaxActivities: e.WORKER_MAX_ACTIVITIES,
    httpAllowedHosts: e.HTTP_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    notifier: { kind: e.NOTIFIER, webhookUrl: e.NOTIFIER_WEBHOOK_URL },
    seed: e.SEED === 'true',
    payloadKey: e.PAYLOAD_ENCRYPTION_KEY ? Buffer.from(e.PAYLOAD_ENCRYPTION_KEY, 'base64') : undefined,
  };
}

/** The variable names the app reads (used by the docker-compose consistency test). */
export const configVariableNames = Object.keys(envSchema.shape);
