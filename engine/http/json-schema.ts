/** JSON Schemas written by administrators (process variables, task forms), checked with ajv. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { pathOf, type Problem } from '../../language';
import { DATE_FORMAT, DATETIME_FORMAT, FILE_REFERENCE_FORMAT, fileReferenceFault, RESIDENT_ID_FORMAT, residentIdFault } from '../../language/forms';

const ajv = new Ajv({ allErrors: true, strict: false });
// The formats a designed form's schema names (language/forms/form-json-schema.ts).
ajv.addFormat(RESIDENT_ID_FORMAT, (v: string) => residentIdFault(v) === undefined);
ajv.addFormat(DATE_FORMAT, (v: string) => {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
  // 2026-02-30 parses as 2 March: the date must come back as written.
  return Number.isFinite(t) && new Date(t).toISOString().startsWith(v);
});
ajv.addFormat(FILE_REFERENCE_FORMAT, (v: string) => fileReferenceFault(v) === undefined);
ajv.addFormat(DATETIME_FORMAT, (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && Number.isFinite(Date.parse(v)));

/** Messages for the formats of designed forms, which ajv would only name. */
const FORMAT_MESSAGES: Record<string, { code: string; message: string }> = {
  [RESIDENT_ID_FORMAT]: { code: 'invalid_resident_id', message: 'is not a resident ID number: 17 digits and a check digit (0-9 or X) that matches them, with a valid birth date (GB 11643-1999)' },
  [DATE_FORMAT]: { code: 'schema_format', message: 'must be a date (YYYY-MM-DD)' },
  [DATETIME_FORMAT]: { code: 'schema_format', message: 'must be a date and time with its time zone (ISO 8601)' },
  [FILE_REFERENCE_FORMAT]: { code: 'invalid_file_reference', message: 'is not a file reference: a web address (http:// or https://, with a host) or an object-store key (oss://bucket/key or s3://bucket/key)' },
};
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

/** The property an error is about, when ajv reports it at the object holding it. */
function namedProperty(e: ErrorObject): string[] {
  if (e.keyword === 'required') return [String(e.params.missingProperty)];
  if (e.keyword === 'additionalProperties') return [String(e.params.additionalProperty)];
  return [];
}

function toProblems(errors: ErrorObject[] | null | undefined, prefix: string): Problem[] {
  return (errors ?? [])
    // An if/then's failure says only that `then` failed; the error inside it names the field.
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const path = pathOf([prefix, ...pointerSegments(e.instancePath), ...namedProperty(e)]);
      const format = e.keyword === 'format' ? FORMAT_MESSAGES[String(e.params.format)] : undefined;
      if (format) return { path, ...format };
      if (e.keyword === 'false schema') return { path, code: 'schema_hidden_field', message: 'must be absent: the field is not shown with the values given' };
      return { path, code: `schema_${e.keyword}`, message: e.message ?? 'is invalid' };
    });
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
