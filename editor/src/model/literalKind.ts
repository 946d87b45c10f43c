/**
 * Which literal widget an activity input gets, from its declared JSON Schema: text, number,
 * date, choice, duration or yes/no. An object or a list has none: it is written as an expression.
 */
import { alternativesOf, literalOf, typesOf, type JsonSchema } from '../../../workflows/definition/input-types';

export type LiteralKind = 'text' | 'number' | 'integer' | 'date' | 'choice' | 'duration' | 'boolean';

/** The declared type without `null` (an optional input that may also be null is edited as its type). */
function scalarTypes(prop: JsonSchema): string[] {
  const alternatives = alternativesOf(prop);
  const fromAlternatives = Array.isArray(alternatives) ? alternatives.flatMap(scalarTypes) : [];
  return [...typesOf(prop), ...fromAlternatives].filter((t) => t !== 'null');
}

export function literalKind(prop: JsonSchema): LiteralKind | undefined {
  if (Array.isArray(prop.enum) && prop.enum.length > 0) return 'choice';
  const types = scalarTypes(prop);
  if (types.length !== 1) return undefined;
  switch (types[0]) {
    case 'string':
      if (prop.format === 'date') return 'date';
      if (prop.format === 'duration') return 'duration';
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

/** Whether a stored entry shows in the literal widget: empty, or a literal of the widget's type (anything else stays an expression, as written). */
export function showsAsLiteral(kind: LiteralKind | undefined, source: string | undefined): boolean {
  if (!kind) return false;
  if (source === undefined) return true;
  const literal = literalOf(source);
  if (!literal) return false;
  const v = literal.value;
  if (kind === 'number' || kind === 'integer') return typeof v === 'number';
  if (kind === 'boolean') return typeof v === 'boolean';
  return typeof v === 'string' || (kind === 'choice' && typeof v === 'number');
}
