/**
 * fast-check arbitraries for fuzzing the API from its OpenAPI document: requests built from each
 * operation's schemas (with real keys and ids where the caller has them, so handlers are reached)
 * and the same requests made hostile (text PostgreSQL refuses, deep nesting, out-of-range numbers,
 * prototype keys, wrong types, extra fields, wrong content types, oversize and broken bodies,
 * path segments with `..` and `%00`, foreign Hosts and Origins).
 */
import fc from 'fast-check';
import type { RawRequest } from './raw-http';

/** The JSON Schema subset zod's toJSONSchema writes into the document. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  schema: JsonSchema;
}

/** One operation of the document: `GET /api/processes/{key}` and what it takes. */
export interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  query: Parameter[];
  body?: JsonSchema;
  bodyLimit?: number;
}

/** Every operation in an OpenAPI document, so a route added later is fuzzed without anyone listing it. */
export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p: Parameter) => p.in === 'path'),
      query: (op.parameters ?? []).filter((p: Parameter) => p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema,
      bodyLimit: op['x-body-limit'],
    })),
  );
}

/** Realistic values by field or parameter name (real keys, ids, definitions), preferred over schema-made ones. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** The things the fuzzer knows exist, for requests that get past validation. */
export interface Known {
  /** Hints for body fields and query parameters by name. */
  fields: Hints;
  /** Values for a path parameter, by its name, the operation's path and its method (a DELETE may want an object of its own). */
  pathValues(param: string, path: string, method: string): string[];
  /** Whole valid bodies for an operation (`POST /api/processes`), where fields depend on each other. */
  bodies: Record<string, fc.Arbitrary<unknown>>;
  /** The server's origin, for a same-site Origin header. */
  origin: string;
  /** An Authorization header that reaches the handlers (an administrator's API token). */
  authorization: string;
}

// Markers for values JSON.stringify cannot write or that would bloat a counterexample; expanded by `serialize`.
const mark = (kind: 'raw' | 'deep' | 'big', arg: string | number) => `\u0007${kind}:${arg}\u0007`;
const MARKER = /"\\u0007(raw|deep|big):([^\\"]*)\\u0007"/g;

/** The request body text: JSON with the markers expanded into raw tokens, nesting and long strings. */
export function serialize(value: unknown): string {
  // undefined (a mutation dropped the whole body) is sent as no body text at all.
  return (JSON.stringify(value) ?? '').replace(MARKER, (_m, kind: string, arg: string) => {
    if (kind === 'raw') return arg;
    const n = Number(arg);
    return kind === 'deep' ? '['.repeat(n) + ']'.repeat(n) : `"${'A'.repeat(n)}"`;
  });
}

const pollutingObjects = ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"prototype":{"polluted":"yes"}}'];

/** A value no well-behaved client sends. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00', 'ok\ud83d', '😷', '', ' ', '__proto__', 'constructor', '<script>alert(1)</script>', "'; DROP TABLE instances; --", '{{7*7}}', '$eval("1")', '../../../etc/passwd', '%00', '\u202e', '\ufeff', 'NaN'),
  fc.constantFrom(0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(mark('raw', '1e999'), mark('raw', '-1e999'), mark('raw', `1${'0'.repeat(400)}`), mark('raw', '1e-400'), mark('raw', '-0')),
  fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [null]),
  fc.integer({ min: 60, max: 12_000 }).map((n) => mark('deep', n)),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => mark('big', n)),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(...pollutingObjects).map((text) => JSON.parse(text) as unknown),
);

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'a\u0000', '\ud800', '', ' ', 'toString', 'hasOwnProperty', '$where', 'a.b', 'x'.repeat(300), 'extra');

/** Values made from a schema, preferring a hint for the field `name`. */
export function fromSchema(s: JsonSchema, hints: Hints, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const plain = plainFromSchema(s, hints, depth);
  const hint = name === undefined ? undefined : hints[name];
  return hint ? fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: plain }) : plain;
}

function plainFromSchema(s: JsonSchema, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((a) => fromSchema(a, hints, undefined, depth)));
  switch (s.type) {
    case 'string':
      return s.pattern ? fc.stringMatching(new RegExp(s.pattern)) : fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum === undefined ? -10 : s.exclusiveMinimum + 1);
      return fc.integer({ min, max: Math.min(s.maximum ?? min + 100, min + 100) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, hints, undefined, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0) {
        const value = typeof s.additionalProperties === 'object' ? fromSchema(s.additionalProperties, hints, undefined, depth + 1) : fc.jsonValue({ maxDepth: 2 });
        return fc.dictionary(s.propertyNames ? (fromSchema(s.propertyNames, hints) as fc.Arbitrary<string>) : fc.string({ maxLength: 8 }), value, { maxKeys: 3 });
      }
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromSchema(v, hints, k, depth + 1)])), { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Mutation = { mode: 'replace' | 'add' | 'drop' | 'wrap'; at: number; key: string; value: unknown };

/** `value` with one node replaced, a field added or dropped, or a node wrapped in an array (a copy). */
function mutate(value: unknown, m: Mutation): unknown {
  // A JSON copy keeps the markers (plain strings until `serialize`) and own `__proto__` keys.
  const root = { v: JSON.parse(JSON.stringify(value) ?? 'null') as unknown };
  const nodes: { parent: Record<string, unknown>; key: string }[] = [];
  const stack: { parent: Record<string, unknown>; key: string }[] = [{ parent: root, key: 'v' }];
  for (let n = stack.pop(); n && nodes.length < 200; n = stack.pop()) {
    nodes.push(n);
    const child = n.parent[n.key];
    if (child && typeof child === 'object') for (const k of Object.keys(child)) stack.push({ parent: child as Record<string, unknown>, key: k });
  }
  const { parent, key } = nodes[m.at % nodes.length];
  const target = parent[key];
  if (m.mode === 'replace') parent[key] = m.value;
  else if (m.mode === 'wrap') parent[key] = [target];
  else if (m.mode === 'drop') delete parent[key];
  else if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  else parent[key] = m.value;
  return root.v;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({ mode: fc.constantFrom('replace', 'replace', 'add', 'drop', 'wrap'), at: fc.nat(), key: hostileKey, value: hostileValue });

const brokenBodies = fc.constantFrom('', '{', '{"a":1', 'null', '1', '"x"', 'true', '\ufeff{}', '{"a":1}{"b":2}', "{'a':1}", '{"a":NaN}', '{"a":Infinity}', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"\\ud800":1}', '{"a":1e999}', '\u0000\u0001\u0002', '{"__proto__":{"polluted":"yes"}}');

type Body = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'oversize' } | { kind: 'none' };

/** A body as a client that read the document would send: the caller's whole valid body where it has one, else one made from the schema. */
function validBody(op: Operation, known: Known): fc.Arbitrary<unknown> {
  const schemaMade = op.body ? fromSchema(op.body, known.fields) : fc.constant({});
  const whole = known.bodies[`${op.method} ${op.path}`];
  return whole ? fc.oneof({ weight: 3, arbitrary: whole }, { weight: 1, arbitrary: schemaMade }) : schemaMade;
}

function bodyFor(op: Operation, known: Known): fc.Arbitrary<Body> {
  const valid = validBody(op, known);
  return fc.oneof(
    { weight: 6, arbitrary: valid.map((value): Body => ({ kind: 'json', value })) },
    { weight: 5, arbitrary: fc.tuple(valid, mutation).map(([value, m]): Body => ({ kind: 'json', value: mutate(value, m) })) },
    { weight: 1, arbitrary: hostileValue.map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: brokenBodies.map((text): Body => ({ kind: 'text', text })) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'oversize' }) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

const hostileSegments = ['..', '.', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%00', 'a%00b', '%ED%A0%80', '%', '%zz', '%C0%AE%C0%AE', 'A'.repeat(3000), '%F0%9F%98%B7', '-1', '0', '1e999', 'NaN', '__proto__', 'constructor', '%20', '%2F', 'draft', ';', '*', '%0A'];

/** A path segment the caller knows exists (or 'x' where it knows none). */
function realSegment(p: Parameter, op: Operation, known: Known): fc.Arbitrary<string> {
  const real = known.pathValues(p.name, op.path, op.method);
  return (real.length ? fc.constantFrom(...real) : fc.constant('x')).map(encodeURIComponent);
}

function segment(p: Parameter, op: Operation, known: Known): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: realSegment(p, op, known) },
    { weight: 2, arbitrary: fromSchema(p.schema, {}).map((v) => encodeURIComponent(String(v))) },
    { weight: 2, arbitrary: fc.constantFrom(...hostileSegments) },
  );
}

function queryValue(p: Parameter, known: Known): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fromSchema(p.schema, known.fields, p.name).map((v) => encodeURIComponent(String(v))) },
    { weight: 2, arbitrary: fc.constantFrom(...hostileSegments) },
  );
}

const extraQuery: fc.Arbitrary<[string, string][]> = fc.array(fc.tuple(fc.constantFrom<string>('__proto__', 'constructor[prototype][x]', 'a%00', '%ED%A0%80', 'limit', 'x', 'cursor'), fc.constantFrom(...hostileSegments)), { maxLength: 2 });

const weighted = <T>(common: T, weight: number, ...rare: T[]) => fc.oneof({ weight, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });

function headersFor(known: Known): fc.Arbitrary<Record<string, string | undefined>> {
  return fc.record({
    'content-type': weighted<string | undefined>('application/json', 30, 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json, text/plain', '*/*', undefined),
    origin: weighted<string | undefined>(undefined, 12, known.origin, 'http://evil.example', 'null', 'http://localhost:1', 'x'),
    authorization: weighted<string | undefined>(known.authorization, 20, undefined, 'Bearer epi_x', 'Bearer ', 'Basic YWRtaW46YQ==', `Bearer ${'x'.repeat(5000)}`, 'bearer epi_', 'Token x'),
    cookie: weighted<string | undefined>(undefined, 15, 'epi_session=x', 'epi_session=', `epi_session=${'a'.repeat(43)}; epi_session=b`),
    'x-csrf-token': weighted<string | undefined>(undefined, 15, '', 'x', 'x'.repeat(5000)),
    host: weighted<string | undefined>(undefined, 25, 'evil.example', 'localhost:1', '', 'a_b', '[::1]'),
    'sec-fetch-site': weighted<string | undefined>(undefined, 15, 'cross-site', 'same-site', 'same-origin', 'none'),
    'content-encoding': weighted<string | undefined>(undefined, 25, 'gzip', 'deflate', 'br', 'x-unknown', 'identity'),
  });
}

interface Parts {
  method: string;
  segments: string[];
  suffix: string;
  query: (string | null)[];
  extra: [string, string][];
  headers: Record<string, string | undefined>;
  body: Body;
}

/** A request to fuzz `op` with: one in four well-formed in every part (so that handlers are reached), the rest hostile in one or more parts. */
export function requestFor(op: Operation, known: Known): fc.Arbitrary<RawRequest & { operation: string }> {
  const wellFormed = fc.record({
    method: fc.constant(op.method),
    segments: fc.tuple(...op.params.map((p) => realSegment(p, op, known))),
    suffix: fc.constant(''),
    query: fc.tuple(...op.query.map((p) => fc.option(fromSchema(p.schema, known.fields, p.name).map((v) => encodeURIComponent(String(v))), { freq: 2 }))),
    extra: fc.constant<[string, string][]>([]),
    headers: fc.constant<Record<string, string | undefined>>({ 'content-type': 'application/json', authorization: known.authorization }),
    body: validBody(op, known).map((value): Body => ({ kind: 'json', value })),
  });
  const anyForm = fc.record({
    method: fc.oneof({ weight: 12, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') }),
    segments: fc.tuple(...op.params.map((p) => segment(p, op, known))),
    suffix: weighted('', 20, '/', '/..', '%00', '/x', '//'),
    query: fc.tuple(...op.query.map((p) => fc.option(queryValue(p, known), { freq: 2 }))),
    extra: fc.oneof({ weight: 6, arbitrary: fc.constant<[string, string][]>([]) }, { weight: 1, arbitrary: extraQuery }),
    headers: headersFor(known),
    body: bodyFor(op, known),
  });
  return fc.oneof({ weight: 1, arbitrary: wellFormed as fc.Arbitrary<Parts> }, { weight: 3, arbitrary: anyForm as fc.Arbitrary<Parts> }).map((parts) => assemble(op, parts));
}

function assemble(op: Operation, { method, segments, suffix, query, extra, headers, body }: Parts): RawRequest & { operation: string } {
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => segments[i++]) + suffix;
  const pairs = [...op.query.flatMap((p, j) => (query[j] === null ? [] : [`${p.name}=${query[j]}`])), ...extra.map(([k, v]) => `${k}=${v}`)];
  const text =
    body.kind === 'json' ? serialize(body.value) : body.kind === 'text' ? body.text : body.kind === 'oversize' ? `{"a":"${'x'.repeat(op.bodyLimit ?? 1024 * 1024)}"}` : undefined;
  const sent = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  return { operation: `${op.method} ${op.path}`, method, path: pairs.length ? `${path}?${pairs.join('&')}` : path, headers: sent, body: method === 'GET' ? undefined : text };
}
