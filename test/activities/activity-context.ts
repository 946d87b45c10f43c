/** Calls an activity's handler directly, as the registry would, with a context of the test's choosing. */
import type { z } from 'zod';
import type { EpidemicAdapters } from '../../domain/adapters';
import type { ActivityContext, ActivityDeclaration } from '../../engine/activities/define';
import type { TestApp } from '../support/app';

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
