/**
 * How a developer declares a kind of step. One declaration is the validator, the
 * TS type and the editor's form: the registry serves its schemas as JSON Schema.
 */
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { ActivityMeta } from '../../workflows/activities';
import type { PlatformAdapters } from '../adapters';
import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * What a handler may reach: the database, the adapters to outside systems and the
 * configuration. The adapters are the platform's (the notifier) and those of the domain the
 * activity belongs to (`A`), composed when the platform starts. Not the app's whole Services:
 * an activity neither starts cases nor publishes documents, and the registry and the
 * declarations do not depend on what the app is composed of.
 */
export interface ActivityServices<A extends object = object> {
  db: DataSource;
  adapters: PlatformAdapters & A;
  config: Config;
}

/** What a handler is called with: its services, its logger and the identity of the visit it runs for. */
export interface ActivityContext<A extends object = object> extends ActivityServices<A> {
  /** Stable across retries of one visit of one node: `<case>:<node>:<visit>`. Use it to make side effects idempotent. */
  idempotencyKey: string;
  meta: ActivityMeta;
  /** Attempt number, 1 for the first try. */
  attempt: number;
  log: Logger;
}

/** One kind of step; `A` is the adapters its domain adds to the platform's. */
export interface ActivityDeclaration<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, A extends object = object> {
  /** The name a process definition uses: lower camelCase, unique. */
  name: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  /** Palette group, e.g. "notification", "integration", "general". */
  category: string;
  input: I;
  output: O;
  /** ISO-8601 duration, e.g. PT30S. */
  timeout: string;
  retry: { maxAttempts: number; initialInterval: string; backoff: number; maximumInterval?: string };
  handler: (input: z.infer<I>, ctx: ActivityContext<A>) => Promise<z.infer<O>>;
}

/**
 * The defineActivity of a domain whose activities reach adapters of its own (`A`, beside the
 * platform's): `const defineMyActivity = activityDefinerFor<MyAdapters>()`.
 */
export function activityDefinerFor<A extends object>() {
  // The identity function keeps the input and output types tied to the handler.
  return <I extends z.ZodType, O extends z.ZodType>(decl: ActivityDeclaration<I, O, A>): ActivityDeclaration<I, O, A> => decl;
}

/** Declares an activity that needs the platform's adapters only. */
export const defineActivity = activityDefinerFor<object>();
