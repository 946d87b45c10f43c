/** Import and export of a document's definition (a process, a rule set) as a JSON file. */
import type { z } from 'zod';

export type Imported<T> = { definition: T } | { errors: string[] };

/** Parses a file's text against the document's schema; errors are listed with their paths so the author can fix the file. */
export function parseImport<T>(text: string, schema: z.ZodType<T>): Imported<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { errors: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { definition: parsed.data };
  return { errors: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

export function exportText(definition: unknown): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}
