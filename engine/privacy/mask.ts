/**
 * Masking a value against the JSON Schema that classifies it (process variables, a task form):
 * everything under a field marked `x-pii` takes that field's class and is masked (pii-class.ts).
 */
import { maskText } from './pii-class';
import { schemasAt, type SchemaSet } from './schema-walk';

/** What masking did: the masked copy, and whether the value held any classified data. */
export interface Masked<T> {
  value: T;
  found: boolean;
}

/**
 * Masks `value` against its schema: strings and numbers under a classified field become masks,
 * objects and arrays are copied with their classified members masked, anything else is kept.
 */
export function maskBySchema<T>(schema: SchemaSet, value: T): Masked<T> {
  const state = { found: false };
  const out = walk(schema, value, state);
  return { value: out as T, found: state.found };
}

function walk(schema: SchemaSet, value: unknown, state: { found: boolean }): unknown {
  if (value === null || value === undefined) return value;
  if (schema.cls && (typeof value === 'string' || typeof value === 'number')) {
    state.found = true;
    return maskText(schema.cls, String(value));
  }
  if (Array.isArray(value)) return value.map((item, i) => walk(schemasAt(schema, String(i), 'item'), item, state));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(schemasAt(schema, k, 'property'), v, state)]));
  }
  return value;
}
