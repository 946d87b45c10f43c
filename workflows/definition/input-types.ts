/**
 * What an activity input holds, read from the activity's declared JSON Schema (zod's
 * toJSONSchema): the type a value must have, and whether a stored mapping entry is a literal.
 * An input mapping stores JSONata source only; a literal is the JSONata literal (`'landing'`,
 * `3`, `true`), so definitions written before typed fields read the same. Used by the validator
 * and by the editor's typed field. No zod and no I/O: the validator also runs in the browser.
 */
import { expressionAst } from '../expression';

export type JsonSchema = Record<string, unknown>;
export type Literal = string | number | boolean | null;

/** The literal a mapping entry holds, or `undefined` when it is an expression (or does not parse). */
export function literalOf(source: string): { value: Literal } | undefined {
  let ast: { type?: string; value?: unknown };
  try {
    ast = expressionAst(source) as typeof ast;
  } catch {
    return undefined;
  }
  if (ast?.type === 'string' || ast?.type === 'number') return { value: ast.value as string | number };
  if (ast?.type === 'value' && (ast.value === true || ast.value === false || ast.value === null)) return { value: ast.value };
  return undefined;
}

/**
 * The JSONata source of a literal: text in single quotes as the built-in processes write it, or,
 * when it holds a quote, a backslash or a control character, as a JSON string (JSONata's string
 * escapes are JSON's); numbers and yes/no as written.
 */
export function literalSource(value: Literal): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || /['\\\u0000-\u001f]/.test(value)) return JSON.stringify(value);
  return `'${value}'`;
}

/** The types a schema declares itself (not those of its alternatives). */
export function typesOf(prop: JsonSchema): string[] {
  return Array.isArray(prop.type) ? (prop.type as string[]) : typeof prop.type === 'string' ? [prop.type] : [];
}

/** A schema's `anyOf` or `oneOf` alternatives, if it has them. */
export const alternativesOf = (prop: JsonSchema) => (prop.anyOf ?? prop.oneOf) as JsonSchema[] | undefined;

/** A short reading of a JSON Schema type, e.g. `string`, `integer ≥ 1`, `"sms" | "call"`. */
export function describeType(prop: JsonSchema): string {
  if (Array.isArray(prop.enum)) return prop.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in prop) return JSON.stringify(prop.const);
  const parts = typesOf(prop).map((type) => {
    if (type === 'array' && prop.items && typeof prop.items === 'object') return `${type}<${describeType(prop.items as JsonSchema)}>`;
    if (type === 'string' && typeof prop.format === 'string') return `string (${prop.format})`;
    return type;
  });
  const bounds = [typeof prop.minimum === 'number' ? `≥ ${prop.minimum}` : '', typeof prop.maximum === 'number' ? `≤ ${prop.maximum}` : ''].filter(Boolean);
  const anyOf = alternativesOf(prop);
  const base = parts.length > 0 ? parts.join(' | ') : Array.isArray(anyOf) ? anyOf.map(describeType).join(' | ') : 'any';
  return [base, ...bounds].join(' ');
}

function matchesType(value: Literal, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      // An object or a list is never a scalar literal.
      return false;
  }
}

function withinBounds(value: Literal, prop: JsonSchema): boolean {
  if (typeof value === 'number') {
    if (typeof prop.minimum === 'number' && value < prop.minimum) return false;
    if (typeof prop.maximum === 'number' && value > prop.maximum) return false;
    if (typeof prop.exclusiveMinimum === 'number' && value <= prop.exclusiveMinimum) return false;
    if (typeof prop.exclusiveMaximum === 'number' && value >= prop.exclusiveMaximum) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof prop.minLength === 'number' && length < prop.minLength) return false;
    if (typeof prop.maxLength === 'number' && length > prop.maxLength) return false;
    if (typeof prop.pattern === 'string' && !matchesPattern(value, prop.pattern)) return false;
  }
  return true;
}

/** A pattern this engine cannot compile is not held against the value: the activity checks it when it runs. */
function matchesPattern(value: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

/** Whether a literal is a value the declared schema accepts (type, choices, bounds, pattern). */
export function literalFits(value: Literal, prop: JsonSchema): boolean {
  if (Array.isArray(prop.enum)) return prop.enum.some((v) => v === value);
  if ('const' in prop) return prop.const === value;
  const alternatives = alternativesOf(prop);
  if (Array.isArray(alternatives)) return alternatives.some((alt) => literalFits(value, alt));
  const types = typesOf(prop);
  if (types.length > 0 && !types.some((t) => matchesType(value, t))) return false;
  return withinBounds(value, prop);
}
