/**
 * The case variables a process knows of, as dotted paths: those its variables schema declares
 * (nested objects' properties too, a few levels down), the outputs its nodes write and the
 * variables its assign nodes set. The form designer offers them for a field's default, where a
 * process is at hand; a form is not tied to one process, so any path may still be typed.
 */
import type { ProcessDefinition } from '../../../workflows/definition/schema';

const DEPTH = 3;

function declared(schema: unknown, prefix: string, depth: number, out: Set<string>): void {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties || typeof properties !== 'object' || depth > DEPTH) return;
  for (const [name, sub] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.add(path);
    declared(sub, path, depth + 1, out);
  }
}

export function variablePaths(def: ProcessDefinition): string[] {
  const out = new Set<string>();
  declared(def.variables, '', 1, out);
  for (const node of def.nodes) {
    if ('output' in node && typeof node.output === 'string') out.add(node.output);
    if (node.type === 'assign') for (const name of Object.keys(node.assign)) out.add(name);
  }
  return [...out].sort();
}
