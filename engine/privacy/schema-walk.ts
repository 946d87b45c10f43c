/**
 * Reading `x-pii` classifications out of a JSON Schema as a value is walked: which schemas apply
 * at a property or an array item (through allOf/anyOf/oneOf and local $refs), and which class,
 * if any, the place carries or inherits from a classified field above it.
 */
import { isPiiClass, type PiiClass } from './pii-class';

type SchemaNode = Record<string, unknown>;

/** The schemas that apply at one place in a value, and the class of personal data there, if any. */
export interface SchemaSet {
  nodes: readonly SchemaNode[];
  cls?: PiiClass;
  /** The document local $refs resolve in. */
  root: unknown;
}

/** $refs followed and combinators opened at most this deep: a schema referring to itself stops here. */
const MAX_DEPTH = 32;

const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The set for a whole document (a process's variables, a task form); none: nothing classified. */
export function schemaSet(schema: unknown, cls?: PiiClass): SchemaSet {
  return withClass(expand(schema, schema, 0), schema, cls);
}

/** A set that classifies everything under it, whatever its shape (a value computed from personal data). */
export function classified(cls: PiiClass): SchemaSet {
  return { nodes: [], cls, root: undefined };
}

/** The schemas of a property (`property`) or of an array item (`item`, `key` its index) below this place. */
export function schemasAt(set: SchemaSet, key: string, kind: 'property' | 'item'): SchemaSet {
  const children: unknown[] = [];
  for (const node of set.nodes) {
    if (kind === 'item') {
      const tuple = Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : undefined;
      const i = Number(key);
      if (tuple && i < tuple.length) children.push(tuple[i]);
      else if (isNode(node.items)) children.push(node.items);
      continue;
    }
    const own = isNode(node.properties) ? node.properties[key] : undefined;
    const patterns = isNode(node.patternProperties) ? Object.entries(node.patternProperties).filter(([p]) => matches(p, key)) : [];
    if (own !== undefined) children.push(own);
    children.push(...patterns.map(([, s]) => s));
    if (own === undefined && patterns.length === 0 && isNode(node.additionalProperties)) children.push(node.additionalProperties);
  }
  return withClass(children.flatMap((c) => expand(c, set.root, 0)), set.root, set.cls);
}

/** The schemas at a dotted path (`person.idNumber`; numeric segments are array items). */
export function schemasAtPath(set: SchemaSet, segments: readonly string[]): SchemaSet {
  return segments.reduce((at, seg) => schemasAt(at, seg, /^\d+$/.test(seg) && holdsItems(at) ? 'item' : 'property'), set);
}

/** The first class at or anywhere below this place, or undefined when nothing there is classified. */
export function classWithin(set: SchemaSet): PiiClass | undefined {
  if (set.cls) return set.cls;
  const seen = new Set<unknown>();
  const search = (node: unknown, depth: number): PiiClass | undefined => {
    if (!isNode(node) || depth > MAX_DEPTH || seen.has(node)) return undefined;
    seen.add(node);
    if (isPiiClass(node['x-pii'])) return node['x-pii'];
    const refTarget = typeof node.$ref === 'string' ? resolveRef(set.root, node.$ref) : undefined;
    const children = [
      refTarget,
      ...(['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const).flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : [])),
      ...(['properties', 'patternProperties'] as const).flatMap((k) => (isNode(node[k]) ? Object.values(node[k] as SchemaNode) : [])),
      ...(Array.isArray(node.items) ? node.items : [node.items]),
      node.additionalProperties,
    ];
    for (const c of children) {
      const found = search(c, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  for (const n of set.nodes) {
    const found = search(n, 0);
    if (found) return found;
  }
  return undefined;
}

function holdsItems(set: SchemaSet): boolean {
  return set.nodes.some((n) => n.items !== undefined || n.prefixItems !== undefined);
}

function withClass(nodes: SchemaNode[], root: unknown, inherited: PiiClass | undefined): SchemaSet {
  const own = nodes.map((n) => n['x-pii']).find(isPiiClass);
  return { nodes, cls: own ?? inherited, root };
}

/** A schema with the schemas it stands for: its combinators' members and its $ref's target. */
function expand(schema: unknown, root: unknown, depth: number): SchemaNode[] {
  if (!isNode(schema) || depth > MAX_DEPTH) return [];
  const out: SchemaNode[] = [schema];
  if (typeof schema.$ref === 'string') out.push(...expand(resolveRef(root, schema.$ref), root, depth + 1));
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[k])) for (const member of schema[k] as unknown[]) out.push(...expand(member, root, depth + 1));
  }
  return out;
}

/** A local reference (`#/$defs/person`); others are not followed. */
function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref.slice(1).split('/').filter(Boolean).map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let at: unknown = root;
  for (const p of parts) at = isNode(at) && Object.hasOwn(at, p) ? at[p] : undefined;
  return at;
}

function matches(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}
