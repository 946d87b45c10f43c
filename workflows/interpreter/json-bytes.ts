/**
 * The size of a value as JSON, in UTF-8 bytes (the unit of Temporal's payload limits;
 * Chinese text is 3 bytes a character). Escapes are not counted: the figure is a
 * deterministic measure for limits, not the exact length JSON.stringify would give.
 */

function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is two UTF-16 units and four UTF-8 bytes: one more for each half.
    if (c >= 0xd800 && c <= 0xdfff) n += 1;
    else if (c >= 0x800) n += 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

/**
 * Bytes of `value` as JSON, counted until they pass `limit` (then some number over it):
 * a huge value costs no more to refuse than a value at the limit. Every value counts at
 * least one byte, so even a cyclic object ends the count.
 */
export function jsonBytes(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') total += utf8Bytes(v) + 2;
    else if (typeof v === 'number') total += String(v).length;
    else if (typeof v === 'boolean') total += v ? 4 : 5;
    else if (Array.isArray(v)) {
      // Brackets and commas; each element adds at least one byte more, so a long array is refused before it is walked.
      total += 1 + Math.max(1, v.length);
      if (total <= limit) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      total += 2;
      let first = true;
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        // "key": and a comma before every key but the first.
        total += utf8Bytes(key) + (first ? 3 : 4);
        first = false;
        stack.push((v as Record<string, unknown>)[key]);
        if (total > limit) break;
      }
    } else total += v === undefined ? 0 : 4;
  }
  return total;
}
