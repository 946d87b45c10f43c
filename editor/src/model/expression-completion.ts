/**
 * Completion for JSONata expressions: the word at the caret (a variable path such as
 * `person.ori` or a function name such as `$cou`) and what may complete it — the case variables
 * the process knows of, and the JSONata functions an expression here may call. Pure, so the
 * field (components/fields/ExpressionInput.tsx) only draws the list and the tests need no DOM.
 */

/** A JSONata function offered for completion; its description is `expression.fn.<name>` in the UI language. */
export interface FunctionDoc {
  name: string;
  signature: string;
}

/**
 * The functions worth offering in a process: JSONata's own, as the worker evaluates them ($now
 * and $millis read workflow time there, so they replay). Not the whole library: only what a
 * mapping, condition or deadline in this field reaches for.
 */
export const FUNCTIONS: readonly FunctionDoc[] = [
  { name: 'string', signature: '$string(value)' },
  { name: 'number', signature: '$number(value)' },
  { name: 'boolean', signature: '$boolean(value)' },
  { name: 'exists', signature: '$exists(value)' },
  { name: 'not', signature: '$not(value)' },
  { name: 'count', signature: '$count(array)' },
  { name: 'sum', signature: '$sum(array)' },
  { name: 'max', signature: '$max(array)' },
  { name: 'min', signature: '$min(array)' },
  { name: 'average', signature: '$average(array)' },
  { name: 'distinct', signature: '$distinct(array)' },
  { name: 'append', signature: '$append(array1, array2)' },
  { name: 'filter', signature: '$filter(array, function($v) { … })' },
  { name: 'map', signature: '$map(array, function($v) { … })' },
  { name: 'keys', signature: '$keys(object)' },
  { name: 'lookup', signature: '$lookup(object, key)' },
  { name: 'length', signature: '$length(text)' },
  { name: 'substring', signature: '$substring(text, start, length)' },
  { name: 'contains', signature: '$contains(text, part)' },
  { name: 'split', signature: '$split(text, separator)' },
  { name: 'join', signature: '$join(array, separator)' },
  { name: 'trim', signature: '$trim(text)' },
  { name: 'uppercase', signature: '$uppercase(text)' },
  { name: 'lowercase', signature: '$lowercase(text)' },
  { name: 'round', signature: '$round(number, digits)' },
  { name: 'floor', signature: '$floor(number)' },
  { name: 'ceil', signature: '$ceil(number)' },
  { name: 'abs', signature: '$abs(number)' },
  { name: 'now', signature: '$now()' },
  { name: 'millis', signature: '$millis()' },
  { name: 'toMillis', signature: '$toMillis(isoTime)' },
  { name: 'fromMillis', signature: '$fromMillis(milliseconds)' },
];

export interface Completion {
  kind: 'variable' | 'function';
  /** What the list shows: a path, or a function's signature. */
  label: string;
  /** What replaces the word: a path, or `$name(`. */
  insert: string;
  /** A function's name, for its description in the UI language. */
  fn?: string;
}

/** The word the caret is in, as the span of text a completion replaces. */
export interface Word {
  from: number;
  to: number;
  text: string;
}

const WORD_CHAR = /[A-Za-z0-9_.$]/;
const LIMIT = 8;

/** Whether `at` lies inside a string literal ('…' or "…", with backslash escapes) or a comment. */
function inLiteral(text: string, at: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0 || end + 2 > at) return true;
      i = end + 1;
    }
  }
  return quote !== null;
}

/** The word at the caret, or null where nothing is completed (inside a string or a comment, or right after a digit-led word). */
export function wordAt(text: string, caret: number): Word | null {
  if (inLiteral(text, caret)) return null;
  let from = caret;
  while (from > 0 && WORD_CHAR.test(text[from - 1])) from--;
  let to = caret;
  while (to < text.length && WORD_CHAR.test(text[to])) to++;
  const word = text.slice(from, caret);
  if (/^[0-9]/.test(word)) return null;
  return { from, to, text: word };
}

const startsWith = (s: string, prefix: string) => s.toLowerCase().startsWith(prefix.toLowerCase());

function functionMatches(prefix: string): Completion[] {
  const name = prefix.slice(1);
  return FUNCTIONS.filter((f) => startsWith(f.name, name)).map((f) => ({ kind: 'function', label: f.signature, insert: `$${f.name}(`, fn: f.name }));
}

/**
 * Variables for a word: those starting with it first (`person.o` → `person.origin`), then those
 * with a segment starting with it (`orig` → `person.origin`), in the order given.
 */
function variableMatches(word: string, variables: readonly string[]): Completion[] {
  const lower = word.toLowerCase();
  const first = variables.filter((v) => startsWith(v, word));
  const segment = variables.filter((v) => !first.includes(v) && v.toLowerCase().split('.').some((s) => s.startsWith(lower)));
  return [...first, ...segment].filter((v) => v !== word).map((v) => ({ kind: 'variable', label: v, insert: v }));
}

/**
 * What may complete the word at the caret. An empty word offers nothing unless `explicit` (the
 * user asked, Ctrl+Space): then every variable, or every function after a `$`.
 */
export function completionsAt(text: string, caret: number, variables: readonly string[], explicit = false): { word: Word; items: Completion[] } | null {
  const word = wordAt(text, caret);
  if (!word || (word.text === '' && !explicit)) return null;
  const items = word.text.startsWith('$') ? functionMatches(word.text) : [...variableMatches(word.text, variables), ...(explicit && word.text === '' ? functionMatches('$') : [])];
  return items.length > 0 ? { word, items: items.slice(0, LIMIT) } : null;
}

/** The text with the word replaced by the completion, and where the caret goes (after it). */
export function applyCompletion(text: string, word: Word, item: Completion): { text: string; caret: number } {
  // A function's call replaces only what was typed of the name: its own `(` is not doubled.
  const to = item.kind === 'function' && text[word.to] === '(' ? word.to + 1 : word.to;
  return { text: text.slice(0, word.from) + item.insert + text.slice(to), caret: word.from + item.insert.length };
}
