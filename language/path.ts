/**
 * A fact path resolver limited to plain dotted paths (`a.b.0.c`), used instead of
 * json-rules-engine's default jsonpath-plus resolver, which has had code-execution CVEs.
 */

const SEGMENT = /^[A-Za-z0-9_$-]+$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Accepts `a.b.c` and an optional leading `$.` (json-rules-engine's own path style). */
export function parsePath(path: string): string[] | undefined {
  const body = path.startsWith('$.') ? path.slice(2) : path;
  if (body.length === 0 || body.length > 200) return undefined;
  const parts = body.split('.');
  return parts.every((p) => SEGMENT.test(p) && !FORBIDDEN.has(p)) ? parts : undefined;
}

export function isPlainPath(path: string): boolean {
  return parsePath(path) !== undefined;
}

/** Reads a plain dotted path; undefined where any step is missing. Throws on a path that is not plain. */
export function resolvePath(value: unknown, path: string): unknown {
  const parts = parsePath(path);
  if (!parts) throw new Error(`path '${path}' is not a plain dotted path`);
  return readPath(value, parts);
}

/** Reads a path parsed once by parsePath (compiled rule sets read the same path on every decision). */
export function readPath(value: unknown, parts: readonly string[]): unknown {
  let cur: unknown = value;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
