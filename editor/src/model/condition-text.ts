/**
 * A condition written out in one line for the canvas, e.g. `originRisk 等于 "high" 且 age ≥ 60`:
 * an edge shows what routes a case along it without being clicked. The words come from the
 * caller (the UI language); the full text is the edge label's tooltip, a shortened one its label.
 */
import type { Condition } from '../../../language';

export interface ConditionWords {
  and: string;
  or: string;
  not: string;
  operator(op: string): string;
  /** A reference to a named condition. */
  reference(name: string): string;
}

const valueText = (v: unknown): string => (typeof v === 'object' && v !== null && 'fact' in v ? String((v as { fact: unknown }).fact) : JSON.stringify(v));

export function conditionText(c: Condition, words: ConditionWords, nested = false): string {
  const group = (parts: Condition[], joiner: string) => {
    const text = parts.map((p) => conditionText(p, words, true)).join(` ${joiner} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if ('all' in c) return group(c.all, words.and);
  if ('any' in c) return group(c.any, words.or);
  if ('not' in c) return `${words.not} ${conditionText(c.not, words, true)}`;
  if ('condition' in c) return words.reference(c.condition);
  const fact = c.path ? `${c.fact}${c.path.startsWith('$') ? c.path.slice(1) : `.${c.path}`}` : c.fact;
  return `${fact} ${words.operator(c.operator)} ${valueText(c.value)}`;
}

/** At most `max` characters, cut at the end with an ellipsis. */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
