/**
 * The classes of personal data a schema field may carry (`"x-pii": "id-number" | "name" | "phone"
 * | "address"`) and how a value of each is masked for someone who may not see it in clear. Masks
 * keep just enough to tell records apart by eye: `320803********1234`, `张*`, `138****5678`,
 * `江苏省淮安市…`.
 */
/** The classes an `x-pii` mark may name. */
export const PII_CLASSES = ['id-number', 'name', 'phone', 'address'] as const;
/** A class of personal data. */
export type PiiClass = (typeof PII_CLASSES)[number];

/** Whether a schema keyword's value names a class. */
export function isPiiClass(v: unknown): v is PiiClass {
  return typeof v === 'string' && (PII_CLASSES as readonly string[]).includes(v);
}

const stars = (n: number) => '*'.repeat(Math.max(1, n));

/** Keeps the first `head` and last `tail` characters (code points), the rest as stars. */
function keepEnds(chars: string[], head: number, tail: number): string {
  return chars.slice(0, head).join('') + stars(chars.length - head - tail) + (tail > 0 ? chars.slice(-tail).join('') : '');
}

const MASKS: Record<PiiClass, (chars: string[]) => string> = {
  // The region code and the last four, as on a printed slip: 18 characters keep 6 and 4.
  'id-number': (c) => keepEnds(c, Math.min(6, Math.floor(c.length / 3)), Math.min(4, Math.floor(c.length / 4))),
  // The family name, one star per other character.
  name: (c) => (c.length === 1 ? '*' : c[0] + stars(c.length - 1)),
  // The carrier prefix and the last four of a mobile number; a short number its last two.
  phone: (c) => (c.length >= 8 ? keepEnds(c, 3, 4) : keepEnds(c, 0, Math.min(2, c.length - 1))),
  // The province, city or district, not the street and number.
  address: (c) => c.slice(0, c.length > 6 ? 6 : Math.ceil(c.length / 2)).join('') + '…',
};

/** One value of a class, masked; an empty string stays empty. */
export function maskText(cls: PiiClass, value: string): string {
  const chars = Array.from(value);
  return chars.length === 0 ? '' : MASKS[cls](chars);
}
