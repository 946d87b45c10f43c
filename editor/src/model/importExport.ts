/** Import and export of a process definition as a JSON file. */
import { processDefinition, type ProcessDefinition } from '../../../workflows/definition/schema';

export type Imported = { definition: ProcessDefinition } | { errors: string[] };

/** Parses a file's text; schema errors are listed with their paths so the author can fix the file. */
export function parseImport(text: string): Imported {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { errors: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = processDefinition.safeParse(json);
  if (parsed.success) return { definition: parsed.data };
  return { errors: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

export function exportText(definition: ProcessDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}
