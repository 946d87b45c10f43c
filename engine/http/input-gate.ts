/**
 * The gate every declared route's request passes before its schemas see it (route.ts puts it
 * in front of each route, so a new route has it without anyone adding it):
 * - a write carries JSON: an HTML form on another site cannot send that content type, and a
 *   script there can only after a CORS preflight, which this API never grants;
 * - a body is bounded in bytes (per route) and in nesting, both before it is parsed;
 * - no string or key in the path parameters, the query or the body holds text PostgreSQL
 *   refuses, and no number overflowed to Infinity.
 * Its refusals use the same envelope codes as the routes' schemas (`invalid_body` and so on).
 */
import express, { type Request, type RequestHandler } from 'express';
import { UserError, ValidationError } from '../errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { firstUnstorable } from '../db/unstorable';

/** Body size a route accepts unless it declares its own `bodyLimit`. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a method changes state: such a request must carry JSON and come from this site. */
export function isWrite(method: string): boolean {
  return WRITES.has(method);
}

/** A byte count as people read it: `1 MB`, `64 KB`, `300 bytes`. */
function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** `application/json`, with no charset or UTF-8 (the only one JSON allows on the wire, RFC 8259). */
function isJsonType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((p) => {
    const [name, value = ''] = p.split('=');
    return name.trim().toLowerCase() !== 'charset' || ['utf-8', 'utf8'].includes(value.trim().replace(/^"|"$/g, '').toLowerCase());
  });
}

function refuseUnstorable(part: 'params' | 'query' | 'body', value: unknown): void {
  const problem = firstUnstorable(value, part);
  if (problem) throw new ValidationError(`invalid_${part}`, `the request ${part} is invalid`, [problem], part === 'body' ? 422 : 400);
}

/** The body as a JSON object or array; a write sent as JSON with no body at all means `{}`. */
function parseBody(raw: unknown): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {};
  const text = raw.toString('utf8');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    const message = `nests deeper than ${MAX_JSON_DEPTH} levels`;
    throw new ValidationError('invalid_body', `the request body ${message}`, [{ path: 'body', code: 'too_deep', message }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(400, 'malformed_json', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null) {
    throw new ValidationError('invalid_body', 'the request body is invalid', [{ path: 'body', code: 'invalid_type', message: 'must be a JSON object or array' }]);
  }
  return value;
}

const readers = new Map<number, RequestHandler>();

/** Reads the raw body up to `limit` bytes (after any Content-Encoding is undone). One reader per limit. */
function reader(limit: number): RequestHandler {
  let read = readers.get(limit);
  if (!read) {
    read = express.raw({ type: () => true, limit });
    readers.set(limit, read);
  }
  return read;
}

/** The input gate for one route; `bodyLimit` in bytes. */
export function inputGate(bodyLimit = DEFAULT_BODY_LIMIT): RequestHandler {
  const read = reader(bodyLimit);
  return (req: Request, res, next) => {
    try {
      refuseUnstorable('params', req.params);
      refuseUnstorable('query', req.query);
      if (!isWrite(req.method)) {
        next();
        return;
      }
      if (!isJsonType(req.headers['content-type'])) {
        throw new UserError(415, 'unsupported_media_type', `a ${req.method} must be sent as application/json (UTF-8); got '${req.headers['content-type'] ?? 'no Content-Type'}'`);
      }
    } catch (err) {
      next(err);
      return;
    }
    read(req, res, (err?: unknown) => {
      try {
        if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
          throw new UserError(413, 'too_large', `the request body is over ${formatBytes(bodyLimit)}, the limit of this route`);
        }
        if (err) throw err;
        req.body = parseBody(req.body);
        refuseUnstorable('body', req.body);
        next();
      } catch (e) {
        next(e);
      }
    });
  };
}
