/**
 * Starts the whole platform for a test file: the real API and a real worker on
 * the suite's Temporal dev server and PostgreSQL database, with its own task
 * queue so test files do not take each other's work.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { ActivityDeclaration } from '../../engine/activities/define';
import { loadConfig } from '../../engine/config';
import { createLogger } from '../../engine/logger';
import { startPlatform, type Platform } from '../../engine/platform';

export interface TestApp {
  url: string;
  platform: Platform;
  client: Client;
  taskQueue: string;
  /** fetch against the API, JSON in and out. */
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  extraActivities?: ActivityDeclaration[];
  seed?: boolean;
  payloadKey?: string;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEST_TEMPORAL_ADDRESS is unset: run the tests through jest (its global setup starts Temporal)');
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const config = {
    ...loadConfig({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      SEED: opts.seed === false ? 'false' : 'true',
      HTTP_ALLOWED_HOSTS: '127.0.0.1,localhost',
      PAYLOAD_ENCRYPTION_KEY: opts.payloadKey,
    }),
    port: 0,
  };
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'error', 'test-app');
  const platform = await startPlatform({
    mode: 'all',
    config,
    log,
    persistent: false,
    workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE,
    extraActivities: opts.extraActivities,
  });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const url = platform.url!;
  return {
    url,
    platform,
    client,
    taskQueue,
    async api(method, path, body, headers = {}) {
      const res = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (e.g. the editor's HTML): return the text.
      }
      return { status: res.status, body: parsed as never };
    },
    async stop() {
      await connection.close();
      await platform.stop();
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
