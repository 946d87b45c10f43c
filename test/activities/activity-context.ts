/** Calls an activity's handler directly, as the registry would, with a context of the test's choosing. */
import type { z } from 'zod';
import type { ActivityContext, ActivityDeclaration } from '../../engine/activities/define';
import type { TestApp } from '../support/app';

export function contextFor(app: TestApp, caseId: string, nodeId: string, visit = 1, attempt = 1): ActivityContext {
  const { services } = app.platform;
  return {
    idempotencyKey: `${caseId}:${nodeId}:${visit}`,
    meta: { caseId, processKey: 'test', version: 1, nodeId, visit },
    attempt,
    log: services.log,
    services,
  };
}

/** Validates the input with the declaration's schema first, as the registry does. */
export async function call<I extends z.ZodType, O extends z.ZodType>(decl: ActivityDeclaration<I, O>, input: z.input<I>, ctx: ActivityContext): Promise<z.infer<O>> {
  return decl.handler(decl.input.parse(input), ctx);
}
