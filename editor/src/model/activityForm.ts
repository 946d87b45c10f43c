/**
 * The activity input form: every declared input becomes a text field holding a JSONata expression
 * over the case variables (the engine evaluates it at run time), hinted with the type the activity expects.
 */

type JsonSchema = Record<string, unknown>;

export interface ExpressionFormSchema {
  schema: { type: 'object'; properties: Record<string, JsonSchema>; required?: string[] };
  /** Per input: what value the activity expects, e.g. `string`, `integer ≥ 1`, `"sms" | "call"`. */
  hints: Record<string, string>;
}

/** A short human reading of a JSON Schema type, shown beside the expression field. */
export function describeType(prop: JsonSchema): string {
  if (Array.isArray(prop.enum)) return prop.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in prop) return JSON.stringify(prop.const);
  const types = Array.isArray(prop.type) ? (prop.type as string[]) : typeof prop.type === 'string' ? [prop.type] : [];
  const parts = types.map((type) => {
    if (type === 'array' && prop.items && typeof prop.items === 'object') return `${type}<${describeType(prop.items as JsonSchema)}>`;
    if (type === 'string' && typeof prop.format === 'string') return `string (${prop.format})`;
    return type;
  });
  const bounds = [
    typeof prop.minimum === 'number' ? `≥ ${prop.minimum}` : '',
    typeof prop.maximum === 'number' ? `≤ ${prop.maximum}` : '',
  ].filter(Boolean);
  const anyOf = (prop.anyOf ?? prop.oneOf) as JsonSchema[] | undefined;
  const base = parts.length > 0 ? parts.join(' | ') : Array.isArray(anyOf) ? anyOf.map(describeType).join(' | ') : 'any';
  return [base, ...bounds].join(' ');
}

export function expressionFormSchema(inputSchema: JsonSchema): ExpressionFormSchema {
  const declared = (inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = {};
  const hints: Record<string, string> = {};
  for (const [name, prop] of Object.entries(declared)) {
    properties[name] = {
      type: 'string',
      title: typeof prop.title === 'string' ? prop.title : name,
      ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    };
    hints[name] = describeType(prop);
  }
  const required = Array.isArray(inputSchema.required) ? (inputSchema.required as string[]).filter((r) => r in properties) : [];
  return { schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }, hints };
}

/** The form's data as an input mapping: blank fields are not mapped at all. */
export function toInputMapping(formData: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const entries = Object.entries(formData ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
