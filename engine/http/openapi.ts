import { z } from 'zod';
import { apiErrorCodes } from '../../language';
import { SESSION_COOKIE } from '../auth/credentials';
import { DEFAULT_BODY_LIMIT, isWrite } from './input-gate';
import type { Route } from './route';

function schemaOf(s: z.ZodType): unknown {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
}

/** The OpenAPI document, generated from the same route declarations that validate requests. */
export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      const js = schema ? (schemaOf(schema) as { properties?: Record<string, unknown>; required?: string[] }) : undefined;
      for (const [name, s] of Object.entries(js?.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js?.required ?? []).includes(name), schema: s });
      }
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.successor ? { deprecated: true, description: `Renamed: use ${r.successor}` } : {}),
      // Not OpenAPI vocabulary: the permission a caller needs (none on a public operation).
      ...(r.public ? { security: [] } : { 'x-permission': r.permission }),
      parameters,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } } } : {}),
      // Not OpenAPI vocabulary: the largest body the input gate lets through, in bytes.
      ...(isWrite(r.method.toUpperCase()) ? { 'x-body-limit': r.bodyLimit ?? DEFAULT_BODY_LIMIT } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'success', ...(r.response ? { content: { 'application/json': { schema: schemaOf(r.response) } } } : {}) },
        '4XX': { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'epi-flow API', version: '0.1.0', description: 'Processes, rule sets, cases and tasks of the epi-flow workflow engine' },
    paths,
    security: [{ session: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login; a write also carries X-CSRF-Token (the csrfToken sign-in answered)' },
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/tokens' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                // Every code the server answers with (language/api-errors.ts), so a client can word each in its language.
                code: { type: 'string', enum: [...apiErrorCodes] },
                message: { type: 'string', description: 'English, for API clients; a UI words the code' },
                problems: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      path: { type: 'string' },
                      code: { type: 'string' },
                      message: { type: 'string' },
                      nodeId: { type: 'string' },
                      edgeId: { type: 'string' },
                      params: { type: 'object', additionalProperties: { type: 'string' }, description: "The values a message in the client's language needs beside the code" },
                    },
                  },
                },
              },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
  };
}
