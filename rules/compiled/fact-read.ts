/**
 * Reading facts the way json-rules-engine's almanac does, decided once per condition at
 * compile time: a fact the run was not given is an error, a path applies only to an object
 * (any other value is answered as it is), and a value is a fact reference when it is an
 * object with its own `fact` key.
 */
import { looksLikeFactReference, parsePath, readPath } from '../../language';

export type Facts = Readonly<Record<string, unknown>>;
export type Read = (facts: Facts) => unknown;

/** The library's UndefinedFactError: a reference to a fact the evaluation was not given. */
export class UndefinedFactError extends Error {
  readonly code = 'undefined_fact';
  constructor(fact: unknown) {
    super(`Undefined fact: ${String(fact)}`);
    this.name = 'UndefinedFactError';
  }
}

/**
 * A reader of `fact`, optionally at `path`. `given` holds the facts every evaluation's input
 * is sure to carry (read by some rule, so required, or declared with a default): those are
 * read directly; any other name can only come from an unchecked reference, and fails as the
 * library fails.
 */
export function factReader(fact: unknown, path: unknown, given: ReadonlySet<string>): Read {
  const read: Read =
    typeof fact === 'string' && given.has(fact)
      ? (facts) => facts[fact]
      : () => {
          throw new UndefinedFactError(fact);
        };
  if (!path) return read;
  const parts = typeof path === 'string' ? parsePath(path) : undefined;
  if (parts) {
    return (facts) => {
      const v = read(facts);
      return v !== null && typeof v === 'object' ? readPath(v, parts) : v;
    };
  }
  // Conditions and params are checked for plain paths at save; only a compared-to fact's path is not.
  return (facts) => {
    const v = read(facts);
    if (v !== null && typeof v === 'object') throw new Error(`path '${String(path)}' is not a plain dotted path`);
    return v;
  };
}

/** A condition's value or an event param: a fact reference is read on each evaluation, anything else is itself. */
export function valueReader(value: unknown, given: ReadonlySet<string>): Read {
  if (!looksLikeFactReference(value)) return () => value;
  const ref = value as { fact: unknown; path?: unknown };
  return factReader(ref.fact, ref.path, given);
}

/** Whether `value` is read from the facts (a fact reference) rather than being a literal. */
export function isReference(value: unknown): boolean {
  return looksLikeFactReference(value);
}
