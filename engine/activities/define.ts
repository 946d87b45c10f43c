/**
 * How a developer declares a kind of step. One declaration is the validator, the
 * TS type and the editor's form: the registry serves its schemas as JSON Schema.
 */
import type { z } from 'zod';
import type { ActivityMeta } from '../../workflows/activities';
import type { Logger } from '../logger';
import type { Services } from '../services';

export interface ActivityContext {
  /** Stable across retries of one visit of one node: `<case>:<node>:<visit>`. Use it to make side effects idempotent. */
  idempotencyKey: string;
  meta: ActivityMeta;
  /** Attempt number, 1 for the first try. */
  attempt: number;
  log: Logger;
  services: Services;
}

export interface ActivityDeclaration<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** The name a process definition uses: lower camelCase, unique. */
  name: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  /** Palette group, e.g. "arrival", "notify", "general". */
  category: string;
  input: I;
  output: O;
  /** ISO-8601 duration, e.g. PT30S. */
  timeout: string;
  retry: { maxAttempts: number; initialInterval: string; backoff: number; maximumInterval?: string };
  handler: (input: z.infer<I>, ctx: ActivityContext) => Promise<z.infer<O>>;
}

/** Declares an activity; the identity function keeps the input and output types tied to the handler. */
export function defineActivity<I extends z.ZodType, O extends z.ZodType>(decl: ActivityDeclaration<I, O>): ActivityDeclaration<I, O> {
  return decl;
}
