/**
 * The few facts of a case a list row shows: its scalar variables, one level into objects,
 * as `label: value` pairs. Values are shown as the API answered them (masked for a reader
 * without the right to see personal data in clear).
 */

/** One shown fact: the variable's path (its label where no better one is known), its own name (what the screen labels it by) and its value as text. */
export interface CaseFact {
  label: string;
  name: string;
  value: string;
}

const MAX_TEXT = 40;

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Up to `max` facts, in the order the variables hold them. */
export function caseFacts(variables: Record<string, unknown>, max = 4): CaseFact[] {
  const facts: CaseFact[] = [];
  for (const [name, value] of Object.entries(variables)) {
    const shown = text(value);
    if (shown !== null) facts.push({ label: name, name, value: shown });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) {
        const innerShown = text(v);
        if (innerShown !== null) facts.push({ label: `${name}.${inner}`, name: inner, value: innerShown });
      }
    }
    if (facts.length >= max) break;
  }
  return facts.slice(0, max);
}
