/** Syntax check for JSONata expressions, the language of input mappings, assignments and timer expressions. */
import jsonata from 'jsonata';

/** The parser's message for a syntax error, or null when the expression parses. */
export function expressionError(source: string): string | null {
  if (source.trim() === '') return null;
  try {
    jsonata(source);
    return null;
  } catch (err) {
    const e = err as { message?: string; position?: number };
    return e.position !== undefined ? `${e.message} (@${e.position})` : (e.message ?? String(err));
  }
}
