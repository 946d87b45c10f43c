/** JSON Schemas written by administrators (process variables, task forms), checked with ajv. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { pathOf, type Problem } from '../../language';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** Problems of `value` against `schema`, each with its field path under `prefix`; empty when valid. */
export function schemaProblems(schema: object, value: unknown, prefix: string): Problem[] {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (compiled.size >= 500) compiled.clear();
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate(value) ? [] : toProblems(validate.errors, prefix);
}

function toProblems(errors: ErrorObject[] | null | undefined, prefix: string): Problem[] {
  return (errors ?? []).map((e) => ({
    path: pathOf([prefix, ...pointerSegments(e.instancePath), ...(e.keyword === 'required' ? [String(e.params.missingProperty)] : [])]),
    code: `schema_${e.keyword}`,
    message: e.message ?? 'is invalid',
  }));
}

/** The segments of ajv's instancePath, a JSON pointer (`/a~1b/0` is `a/b`, then `0`). */
function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Why a schema an administrator wrote cannot be used, or undefined when ajv compiles it. */
export function schemaError(schema: object): string | undefined {
  try {
    ajv.compile(schema);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
