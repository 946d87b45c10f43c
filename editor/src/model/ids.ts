/** Fresh node and edge ids that satisfy the schema's identifier rule and collide with nothing. */

const MAX_ID = 64;

/** Turns any text (an activity name such as `sms.send`) into an identifier base. */
export function idBase(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return (cleaned || 'node').slice(0, MAX_ID - 4);
}

/** `base` itself when free, else `base_2`, `base_3`, ... */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const root = idBase(base);
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    const candidate = `${root}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
