/**
 * Values JSON lets through but the app cannot keep as sent: the HTTP input gate refuses them in
 * every request, and the document service in every content it stores, however it arrived (a seed
 * file has no HTTP gate). PostgreSQL's text and jsonb refuse U+0000 and unpaired UTF-16 halves
 * (JSON.parse accepts `"\u0000"` and `"\ud800"`), which surfaced as a 500 at insert or as a case
 * failing later in its workflow; JSON.parse reads `1e999` as Infinity, which jsonb would store as
 * null, silently changing the value.
 */
import { pathSegment, type Problem } from '../../language';

/** Half of a surrogate pair without its other half (code units: no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A key that, assigned to a plain object, would replace its prototype instead of adding a field. */
const PROTOTYPE_KEY = '__proto__';

function badText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * The first value or key under `root` (depth first, in key order) that cannot be stored, as a
 * problem located by a path under `prefix` such as `body/input/name` (with no prefix, a path
 * inside `root` such as `nodes/2/title/en`). Iterative, so a value nested past what recursion
 * survives is walked all the same.
 */
export function firstUnstorable(root: unknown, prefix: string): Problem | undefined {
  const stack: { value: unknown; path: string; key?: string }[] = [{ value: root, path: prefix }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, key } = item;
    if (key === PROTOTYPE_KEY) return { path, code: 'forbidden_key', message: `'${PROTOTYPE_KEY}' is not accepted as a field name` };
    if (key !== undefined && badText(key)) return { path, code: 'invalid_text', message: 'the field name contains U+0000 or an unpaired surrogate, which cannot be stored' };
    if (typeof value === 'string' && badText(value)) return { path, code: 'invalid_text', message: 'contains U+0000 or an unpaired surrogate, which cannot be stored' };
    if (typeof value === 'number' && !Number.isFinite(value)) return { path, code: 'number_out_of_range', message: 'is a number too large to represent' };
    if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      // Pushed in reverse so that the first field is examined first.
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        stack.push({ value: (value as Record<string, unknown>)[k], path: path === '' ? pathSegment(k) : `${path}/${pathSegment(k)}`, key: Array.isArray(value) ? undefined : k });
      }
    }
  }
  return undefined;
}
