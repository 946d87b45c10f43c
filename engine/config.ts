/**
 * The one place configuration is read. Every variable is validated here; a bad
 * value stops the process with one line naming the variable and the value.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { isIPv6 } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CASE_LIMITS, type CaseLimits } from '../workflows/limits';
import { parseKeyRing, SINGLE_KEY_ID, type PayloadKey } from './temporal/payload-codec';
import { authConfig, type AuthConfig } from './auth/auth-config';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './auth/password';

const hostPort = (name: string) =>
  z.string().refine((v) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(v) && Number(v.split(':')[1]) <= 65535, {
    error: (iss) => `${name} must be host:port, got '${String(iss.input)}'`,
  });

const port = (name: string) =>
  z.string().refine((v) => /^\d{1,5}$/.test(v) && Number(v) > 0 && Number(v) <= 65535, {
    error: (iss) => `${name} must be a port number (1-65535), got '${String(iss.input)}'`,
  }).transform(Number);
/** A port, or 0 for one the OS picks when the server binds (the process then says which). */
const portOrAny = (name: string) =>
  z.string().refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, {
    error: (iss) => `${name} must be a port number (1-65535, or 0 for any free port), got '${String(iss.input)}'`,
  }).transform(Number);

const postgresUrl = (name: string) =>
  z.string().refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
    error: (iss) => `${name} must be a postgres:// URL, got '${String(iss.input).replace(/:[^:@/]*@/, ':***@')}'`,
  });

const oneOf = <T extends string>(name: string, values: readonly [T, ...T[]]) =>
  z.string().refine((v): v is T => (values as readonly string[]).includes(v), {
    error: (iss) => `${name} must be one of ${values.join(', ')}, got '${String(iss.input)}'`,
  }) as unknown as z.ZodType<T, string>;

const intAtLeast = (name: string, min: number, what = `an integer of at least ${min}`) =>
  z.string().refine((v) => /^\d+$/.test(v) && Number(v) >= min, {
    error: (iss) => `${name} must be ${what}, got '${String(iss.input)}'`,
  }).transform(Number);

const positiveInt = (name: string) => intAtLeast(name, 1, 'a positive integer');

const hostList = z.string().refine((v) => v.split(',').every((h) => /^\s*(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)?\s*$/.test(h)), {
  error: (iss) => `ALLOWED_HOSTS must be comma-separated host names or addresses, without scheme or port, got '${String(iss.input)}'`,
});

/** Names a browser reaching this machine itself uses; no other site can make a browser send them (DNS rebinding needs a name of its own). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The app's PostgreSQL server, database `temporal`: where a cluster keeps its data unless told otherwise. */
function temporalDatabaseBeside(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/temporal';
  url.search = '';
  return url.toString();
}

/** The Host names the API answers: loopback, the address it listens on unless that is a wildcard, and ALLOWED_HOSTS. */
function allowedHosts(host: string, extra: string): string[] {
  const listening = host === '0.0.0.0' || host === '::' ? [] : [isIPv6(host) ? `[${host}]` : host];
  const named = extra.split(',').map((h) => h.trim()).filter(Boolean);
  return [...new Set([...LOOPBACK_HOSTS, ...listening, ...named].map((h) => h.toLowerCase()))];
}

/** Every environment variable the app reads, with its default. The README's table mirrors this. */
export const envSchema = z.object({
  PORT: port('PORT').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_ADDRESS: hostPort('TEMPORAL_ADDRESS').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('epi-flow'),
  TEMPORAL_CLI: z.string().min(1).optional(),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TEMPORAL_MODE: oneOf('TEMPORAL_MODE', ['dev', 'cluster']).default('dev'),
  TEMPORAL_PORT: port('TEMPORAL_PORT').default(7233),
  TEMPORAL_DATABASE_URL: postgresUrl('TEMPORAL_DATABASE_URL').optional(),
  TEMPORAL_SERVER_PROCESSES: oneOf('TEMPORAL_SERVER_PROCESSES', ['one', 'per-service']).default('one'),
  WORKERS: positiveInt('WORKERS').default(1),
  WORKER_METRICS_PORT: portOrAny('WORKER_METRICS_PORT').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  DATABASE_URL: postgresUrl('DATABASE_URL').optional(),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_MAX_ACTIVITIES: positiveInt('WORKER_MAX_ACTIVITIES').default(100),
  // The SDK's workflow cache holds at least two (one is refused there with a warning, not an error).
  WORKER_CACHED_CASES: intAtLeast('WORKER_CACHED_CASES', 2).optional(),
  HTTP_ALLOWED_HOSTS: z.string().default(''),
  NOTIFIER: oneOf('NOTIFIER', ['local', 'webhook']).default('local'),
  NOTIFIER_WEBHOOK_URL: z.string().url().optional(),
  SEED: oneOf('SEED', ['true', 'false']).default('true'),
  CASE_START_GRACE_MS: positiveInt('CASE_START_GRACE_MS').default(30_000),
  ALLOWED_HOSTS: hostList.default(''),
  TRUST_PROXY: z
    .string()
    .refine((v) => /^\d{1,2}$/.test(v) || v.split(',').every((p) => /^\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)\s*$/.test(p)), {
      error: (iss) => `TRUST_PROXY must be a number of proxy hops or comma-separated proxy addresses or subnets (loopback, uniquelocal, 10.0.0.0/8…), got '${String(iss.input)}'`,
    })
    .optional(),
  ADMIN_PASSWORD: z
    .string()
    .refine((v) => !passwordProblem(v, 'admin'), { error: () => `ADMIN_PASSWORD must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters and not contain 'admin'; the value given is not (not shown: it is a secret)` })
    .optional(),
  SESSION_IDLE_SECONDS: positiveInt('SESSION_IDLE_SECONDS').default(1800),
  SESSION_MAX_SECONDS: positiveInt('SESSION_MAX_SECONDS').default(43_200),
  SESSION_COOKIE_SECURE: oneOf('SESSION_COOKIE_SECURE', ['true', 'false']).default('false'),
  LOGIN_MAX_FAILURES: positiveInt('LOGIN_MAX_FAILURES').default(5),
  LOGIN_LOCK_SECONDS: positiveInt('LOGIN_LOCK_SECONDS').default(900),
  LOGIN_ADDRESS_MAX_FAILURES: positiveInt('LOGIN_ADDRESS_MAX_FAILURES').default(20),
  OIDC_ISSUER: z.url({ error: (iss) => `OIDC_ISSUER must be the provider's URL, got '${String(iss.input)}'` }).optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URL: z.url({ error: (iss) => `OIDC_REDIRECT_URL must be this app's URL of /api/auth/oidc/callback, got '${String(iss.input)}'` }).optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  OIDC_GROUP_MAP: z.string().default('{}'),
  CURSOR_SECRET: z
    .string()
    .refine((v) => v.length >= 32, {
      error: () => 'CURSOR_SECRET must be at least 32 characters (openssl rand -hex 32); the value given is not (not shown: it is a secret)',
    })
    .optional(),
  PAYLOAD_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
      error: () => 'PAYLOAD_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32); the value given is not (not shown: it is a secret)',
    })
    .optional(),
  PAYLOAD_ENCRYPTION_KEYS: z.string().optional(),
  PAYLOAD_ENCRYPTION_KEYS_FILE: z.string().optional(),
  HASH_SECRET: z
    .string()
    .refine((v) => v.length >= 32, {
      error: () => 'HASH_SECRET must be at least 32 characters (openssl rand -hex 32); the value given is not (not shown: it is a secret)',
    })
    .optional(),
  EXPRESSION_MAX_DEPTH: positiveInt('EXPRESSION_MAX_DEPTH').default(DEFAULT_CASE_LIMITS.expression.depth),
  EXPRESSION_MAX_STEPS: positiveInt('EXPRESSION_MAX_STEPS').default(DEFAULT_CASE_LIMITS.expression.steps),
  EXPRESSION_MAX_ITEMS: positiveInt('EXPRESSION_MAX_ITEMS').default(DEFAULT_CASE_LIMITS.expression.items),
  EXPRESSION_MAX_CHARS: positiveInt('EXPRESSION_MAX_CHARS').default(DEFAULT_CASE_LIMITS.expression.chars),
  CASE_MAX_VARIABLE_BYTES: positiveInt('CASE_MAX_VARIABLE_BYTES').default(DEFAULT_CASE_LIMITS.variableBytes),
  CASE_MAX_STATE_BYTES: positiveInt('CASE_MAX_STATE_BYTES').default(DEFAULT_CASE_LIMITS.stateBytes),
  CASE_MAX_STEPS_WITHOUT_WAIT: positiveInt('CASE_MAX_STEPS_WITHOUT_WAIT').default(DEFAULT_CASE_LIMITS.stepsWithoutWait),
  DAILY_REPORT_HOUR: z
    .string()
    .refine((v) => v === 'off' || (/^\d{1,2}$/.test(v) && Number(v) <= 23), {
      error: (iss) => `DAILY_REPORT_HOUR must be an hour of the day, 0-23 (Asia/Shanghai), or 'off', got '${String(iss.input)}'`,
    })
    .default('7'),
  REPORT_FONT: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    cli?: string;
    uiUrl?: string;
    /** What `npm start` runs when no address is given: the CLI's dev server, or a cluster on PostgreSQL. */
    mode: 'dev' | 'cluster';
    /** The cluster's frontend port. */
    port: number;
    /** Where the cluster keeps its databases; DATABASE_URL's server (database `temporal`) unless set. */
    databaseUrl?: string;
    serverProcesses: 'one' | 'per-service';
  };
  /** Worker processes `npm start` runs. */
  workers: number;
  /** A worker's metrics port (npm start gives worker i this port + i); 0: any free port; unset: any free port under npm start, none for a lone worker. */
  workerMetricsPort?: number;
  /** An OpenTelemetry collector (OTLP over HTTP): traces go there when set. */
  otlpEndpoint?: string;
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
  workerMaxActivities: number;
  /** Cases a worker keeps in memory between their steps; unset: as many as half its heap holds (engine/worker/case-cache.ts). */
  workerCachedCases?: number;
  httpAllowedHosts: string[];
  notifier: { kind: 'local' | 'webhook'; webhookUrl?: string };
  seed: boolean;
  /** How long a case start may be in flight before a half-done one is cleaned up. */
  caseStartGraceMs: number;
  /** AES-256 keys for Temporal payloads, the encrypting one first; unset: payloads are stored in clear. */
  payloadKeys?: PayloadKey[];
  /** Keys case ids and business-key hashes (HMAC); unset: a secret kept under DATA_DIR (privacy/hash-secret.ts). */
  hashSecret?: Buffer;
  /** Which proxies in front are believed about the client's address (X-Forwarded-For): hops or addresses; unset: none. */
  trustProxy?: number | string;
  /** Accounts, sessions, sign-in limits and single sign-on (engine/auth). */
  auth: AuthConfig;
  /** Host header values the API answers (lower case); any other is refused, which defeats DNS rebinding. */
  allowedHosts: string[];
  /** Signs the page cursors the API hands out; random per process unless CURSOR_SECRET is set. */
  cursorSecret: Buffer;
  /** The budgets each new case carries (expressions, data size, steps without a wait). */
  caseLimits: CaseLimits;
  /** The domain's daily report: the hour (Asia/Shanghai) its schedule runs, none when off; the CJK font its PDF is set in. */
  reports: { dailyHour?: number; font: ReportFont };
}

/** A font file, and in a collection (.ttc) the face's PostScript name. */
export interface ReportFont {
  path: string;
  face?: string;
}

/** Debian's fonts-wqy-microhei (the Dockerfile and CI install it): a CJK font for reports in Chinese. */
export const DEFAULT_REPORT_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei';

/** `path` or `path#Face`. */
function reportFont(value: string): ReportFont {
  const [file, face] = value.split('#');
  return { path: file, face: face || undefined };
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/**
 * The payload key ring: PAYLOAD_ENCRYPTION_KEYS, else the file PAYLOAD_ENCRYPTION_KEYS_FILE names
 * (npm start's own, under DATA_DIR), then PAYLOAD_ENCRYPTION_KEY's single key last, so what it
 * encrypted stays readable once a ring takes over.
 */
function payloadKeyRing(e: z.infer<typeof envSchema>): PayloadKey[] | undefined {
  const ring: PayloadKey[] = [];
  try {
    if (e.PAYLOAD_ENCRYPTION_KEYS) ring.push(...parseKeyRing(e.PAYLOAD_ENCRYPTION_KEYS, 'PAYLOAD_ENCRYPTION_KEYS'));
    else if (e.PAYLOAD_ENCRYPTION_KEYS_FILE) ring.push(...parseKeyRing(readKeyFile(e.PAYLOAD_ENCRYPTION_KEYS_FILE), `PAYLOAD_ENCRYPTION_KEYS_FILE (${e.PAYLOAD_ENCRYPTION_KEYS_FILE})`));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (e.PAYLOAD_ENCRYPTION_KEY && !ring.some((k) => k.id === SINGLE_KEY_ID)) ring.push({ id: SINGLE_KEY_ID, key: Buffer.from(e.PAYLOAD_ENCRYPTION_KEY, 'base64') });
  return ring.length > 0 ? ring : undefined;
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`PAYLOAD_ENCRYPTION_KEYS_FILE cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (${file})`);
  }
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
  if (e.CASE_MAX_VARIABLE_BYTES > e.CASE_MAX_STATE_BYTES) {
    throw new ConfigError(`CASE_MAX_VARIABLE_BYTES (${e.CASE_MAX_VARIABLE_BYTES}) must not exceed CASE_MAX_STATE_BYTES (${e.CASE_MAX_STATE_BYTES})`);
  }
  const auth = authConfig(e);
  if (typeof auth === 'string') throw new ConfigError(auth);
  // A font named on purpose must be there; the default is looked for when a PDF is asked for (reportFont).
  if (e.REPORT_FONT && !fs.existsSync(reportFont(e.REPORT_FONT).path)) {
    throw new ConfigError(`REPORT_FONT names no file: '${e.REPORT_FONT}' (a TrueType or OpenType font with Chinese glyphs, a face of a collection after #, e.g. ${DEFAULT_REPORT_FONT})`);
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
      mode: e.TEMPORAL_MODE,
      port: e.TEMPORAL_PORT,
      databaseUrl: e.TEMPORAL_DATABASE_URL ?? (e.DATABASE_URL ? temporalDatabaseBeside(e.DATABASE_URL) : undefined),
      serverProcesses: e.TEMPORAL_SERVER_PROCESSES,
    },
    workers: e.WORKERS,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    workerMaxActivities: e.WORKER_MAX_ACTIVITIES,
    workerCachedCases: e.WORKER_CACHED_CASES,
    httpAllowedHosts: e.HTTP_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    notifier: { kind: e.NOTIFIER, webhookUrl: e.NOTIFIER_WEBHOOK_URL },
    seed: e.SEED === 'true',
    caseStartGraceMs: e.CASE_START_GRACE_MS,
    payloadKeys: payloadKeyRing(e),
    hashSecret: e.HASH_SECRET ? Buffer.from(e.HASH_SECRET) : undefined,
    allowedHosts: allowedHosts(e.HOST, e.ALLOWED_HOSTS),
    trustProxy: e.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    auth,
    cursorSecret: e.CURSOR_SECRET ? Buffer.from(e.CURSOR_SECRET) : randomBytes(32),
    caseLimits: {
      expression: { depth: e.EXPRESSION_MAX_DEPTH, steps: e.EXPRESSION_MAX_STEPS, items: e.EXPRESSION_MAX_ITEMS, chars: e.EXPRESSION_MAX_CHARS },
      variableBytes: e.CASE_MAX_VARIABLE_BYTES,
      stateBytes: e.CASE_MAX_STATE_BYTES,
      stepsWithoutWait: e.CASE_MAX_STEPS_WITHOUT_WAIT,
    },
    reports: { dailyHour: e.DAILY_REPORT_HOUR === 'off' ? undefined : Number(e.DAILY_REPORT_HOUR), font: reportFont(e.REPORT_FONT ?? DEFAULT_REPORT_FONT) },
  };
}

/** The variable names the app reads (used by the docker-compose consistency test). */
export const configVariableNames = Object.keys(envSchema.shape);
