/**
 * Starts the whole app for a test file, the platform composed with the epidemic
 * domain as app/main.ts composes it: the real API and a real worker on
 * the suite's Temporal server and PostgreSQL database, with its own task
 * queue so test files do not take each other's work. On the cluster profile
 * (TEST_TEMPORAL=cluster) a second worker runs in a process of its own, unless the
 * test adds activities of its own (that process would not have them).
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { epidemicDomain } from '../../domain';
import type { ActivityDeclaration } from '../../engine/activities/define';
import { loadConfig } from '../../engine/config';
import { createLogger } from '../../engine/logger';
import { connectClosable } from '../../engine/temporal/closable-connection';
import { startPlatform, type Platform } from '../../engine/platform';
import { anonymousCaller, tokenCaller, TEST_ADMIN_PASSWORD, type ApiCall, type Caller, type Grant } from './callers';
import { SHARED_NAMESPACE_ENV } from './os-processes';
import { scratchDatabase } from './scratch-database';
import { startWorkerProcess } from './worker-process';

export interface TestApp {
  url: string;
  platform: Platform;
  client: Client;
  taskQueue: string;
  /** fetch against the API, JSON in and out, as the first administrator (with an API token). */
  api: ApiCall;
  /** The first administrator's Authorization header, for requests a test sends another way (raw HTTP, a browser). */
  headers(): Promise<Record<string, string>>;
  /** Calls as the account `username`, made on first use with `grant` (roles: admin unless said) if it does not exist. */
  as(username: string, grant?: Grant): Caller;
  /** Calls without credentials. */
  anonymous: Caller;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  extraActivities?: ActivityDeclaration[];
  seed?: boolean;
  /** More environment for the app's configuration (e.g. shorter session or lock times). */
  env?: Record<string, string>;
  payloadKey?: string;
  /** PAYLOAD_ENCRYPTION_KEYS: a key ring, `id:base64,…`, the encrypting key first. */
  payloadKeys?: string;
  /** Another app's task queue, to take over its cases (its own random one unless said). */
  taskQueue?: string;
  /**
   * A fresh database of the app's own, dropped when it stops: for a test that reads what only this
   * app did, such as its process's metrics (other test files' apps share the suite's database,
   * and their outbox dispatchers may deliver this app's notices).
   */
  ownDatabase?: boolean;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEST_TEMPORAL_ADDRESS is unset: run the tests through jest (its global setup starts Temporal)');
  const taskQueue = opts.taskQueue ?? `test-${randomBytes(4).toString('hex')}`;
  const own = opts.ownDatabase ? await scratchDatabase() : undefined;
  const env = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: own?.url ?? process.env.TEST_DATABASE_URL,
    SEED: opts.seed === false ? 'false' : 'true',
    HTTP_ALLOWED_HOSTS: '127.0.0.1,localhost',
    PAYLOAD_ENCRYPTION_KEY: opts.payloadKey,
    PAYLOAD_ENCRYPTION_KEYS: opts.payloadKeys,
    HASH_SECRET: process.env.HASH_SECRET,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...SHARED_NAMESPACE_ENV,
    ...opts.env,
  };
  // A free port unless the test needs to know it in advance (a redirect URL).
  const config = { ...loadConfig(env), ...(opts.env?.PORT ? {} : { port: 0 }) };
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'error', 'test-app');
  const secondWorker = process.env.TEST_TEMPORAL === 'cluster' && !opts.extraActivities?.length;
  const [platformStart, workerStart] = await Promise.allSettled([
    startPlatform({
      mode: 'all',
      config,
      log,
      domain: epidemicDomain,
      persistent: false,
      workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE,
      extraActivities: opts.extraActivities,
    }),
    // It finds the suite's workflow bundle in DATA_DIR; the API process seeds.
    secondWorker ? startWorkerProcess({ ...env, SEED: 'false', DATA_DIR: process.env.TEST_DATA_DIR }) : undefined,
  ]);
  if (platformStart.status === 'rejected' || workerStart.status === 'rejected') {
    // Nothing half-started outlives a failed start.
    if (platformStart.status === 'fulfilled') await platformStart.value.stop();
    if (workerStart.status === 'fulfilled') await workerStart.value?.stop();
    await own?.drop();
    throw platformStart.status === 'rejected' ? platformStart.reason : (workerStart as PromiseRejectedResult).reason;
  }
  const platform = platformStart.value;
  const workerProcess = workerStart.value;
  const connection = await connectClosable({ address });
  const client = new Client({ connection });
  const url = platform.url!;
  const auth = platform.services.auth;
  const admin = tokenCaller(url, auth);
  const callers = new Map<string, Caller>();
  return {
    url,
    platform,
    client,
    taskQueue,
    api: admin.api,
    headers: admin.headers,
    as(username, grant) {
      if (!callers.has(username)) callers.set(username, tokenCaller(url, auth, username, grant));
      return callers.get(username)!;
    },
    anonymous: anonymousCaller(url),
    async stop() {
      await connection.close();
      await workerProcess?.stop();
      await platform.stop();
      await own?.drop();
    },
  };
}

/**
 * The test file's app: started in a beforeAll (then `ready` runs, e.g. to wait for a
 * seeded process) and stopped in an afterAll, both registered where this is called.
 * Answers a stand-in that forwards to the started app, for use inside tests and hooks.
 */
export function useTestApp({ ready, ...opts }: TestAppOptions & { ready?: (app: TestApp) => Promise<void> } = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(opts);
    await ready?.(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const app = (): TestApp => {
    if (!started) throw new Error('the test app is not started: use it inside tests and hooks, after its beforeAll');
    return started;
  };
  return {
    get url() {
      return app().url;
    },
    get platform() {
      return app().platform;
    },
    get client() {
      return app().client;
    },
    get taskQueue() {
      return app().taskQueue;
    },
    api: (method, path, body, headers) => app().api(method, path, body, headers),
    headers: () => app().headers(),
    as: (username, grant) => app().as(username, grant),
    get anonymous() {
      return app().anonymous;
    },
    stop: () => app().stop(),
  };
}

/** A unique key per test run, so test files sharing one database never collide. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
