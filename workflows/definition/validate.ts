/**
 * The process validator: the API (on validate, save and publish), the editor (live)
 * and the worker run these same checks. It returns every problem at once.
 */
import { pathOf, type Problem } from '../../language/problem';
import { graphProblems, type ValidationContext } from './graph-checks';
import { DEFINITION_LIMITS, processDefinition } from './schema';

export type { ValidationContext } from './graph-checks';

export function validateDefinition(input: unknown, ctx: ValidationContext = {}): Problem[] {
  let size = 0;
  try {
    size = JSON.stringify(input)?.length ?? 0;
  } catch {
    return [{ path: '', code: 'invalid_schema', message: 'definition is not serialisable JSON' }];
  }
  if (size > DEFINITION_LIMITS.bytes) {
    return [{ path: '', code: 'too_large', message: `definition is ${size} bytes; the limit is ${DEFINITION_LIMITS.bytes}` }];
  }
  const parsed = processDefinition.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ path: pathOf(i.path), code: 'invalid_schema', message: i.message }));
  }
  return graphProblems(parsed.data, ctx);
}
