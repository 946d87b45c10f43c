/** Calls an activity's handler directly, as the registry would, with a context of the test's choosing. */
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { EpidemicAdapters } from '../../domain/adapters';
import type { ActivityContext, ActivityDeclaration } from '../../engine/activities/define';
import type { TestApp } from '../support/app';
import { durationMs } from '../../workflows/definition/duration';

/** The context of a visit, with the app's database, configuration and adapters (the platform's and the epidemic domain's, as composed). */
export function contextFor(app: TestApp, caseId: string, nodeId: string, visit = 1, attempt = 1): ActivityContext<EpidemicAdapters> {
  const { services } = app.platform;
  return {
    idempotencyKey: `${caseId}:${nodeId}:${visit}`,
    meta: { caseId, processKey: 'test', version: 1, nodeId, visit },
    attempt,
    log: services.log,
    db: services.db,
    adapters: services.adapters as ActivityContext<EpidemicAdapters>['adapters'],
    config: services.config,
  };
}

/** Validates the input with the declaration's schema first, as the registry does. */
export async function call<I extends z.ZodType, O extends z.ZodType, A extends object>(decl: ActivityDeclaration<I, O, A>, input: z.input<I>, ctx: ActivityContext<A>): Promise<z.infer<O>> {
  return decl.handler(decl.input.parse(input), ctx);
}

/**
 * Calls as a worker would under the declaration's retry policy: a failure that is not a non-retryable
 * ApplicationFailure is tried again, as the next attempt after the policy's interval, up to maxAttempts.
 * For a test that loads the database as a wave of cases does, where a try may find no pool connection in time.
 */
export async function callRetrying<I extends z.ZodType, O extends z.ZodType, A extends object>(decl: ActivityDeclaration<I, O, A>, input: z.input<I>, ctx: ActivityContext<A>): Promise<z.infer<O>> {
  let waitMs = durationMs(decl.retry.initialInterval);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(decl, input, { ...ctx, attempt });
    } catch (err) {
      if ((err instanceof ApplicationFailure && err.nonRetryable) || attempt >= decl.retry.maxAttempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      waitMs *= decl.retry.backoff;
    }
  }
}
