/** JSON values as rule sets carry them: a deep copy, and a canonical text in which key order does not count. */

/** A deep copy of a JSON value (objects and arrays new, everything else as it is). */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  // Decisions copy their params with this: a key loop allocates less than Object.entries.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyJson((value as Record<string, unknown>)[k]);
  return out as T;
}

/** JSON with object keys sorted, so two values that differ only in key order have the same text. */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
