/**
 * Condition values typed into one text box: JSON when it parses (7, true, ["high","medium"]),
 * plain text otherwise, so `high` needs no quotes but `"7"` stays a string.
 */

export function parseLiteral(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

export function formatLiteral(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    // Quote a string only where reading it back as JSON would change its type.
    return parseLiteral(value) === value ? value : JSON.stringify(value);
  }
  return JSON.stringify(value);
}
