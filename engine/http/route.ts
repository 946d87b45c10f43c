/**
 * Routes declared as data: method, path, zod schemas for params, query and body,
 * and a handler. The same declarations validate requests and generate OpenAPI.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { UserError, type Problem } from '../errors';

export interface RouteRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Who is acting, for the audit trail (the X-User header; "anonymous" without one). */
  actor: string;
}

export interface Route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status; 200 unless said. */
  status?: number;
  handle(req: RouteRequest<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<unknown>;
}

export function route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(r: Route<P, Q, B>): Route {
  return r as unknown as Route;
}

const actorHeader = z.string().regex(/^[\p{L}\p{N}_.@-]{1,64}$/u);

function problemsOf(err: z.ZodError, prefix: string): Problem[] {
  return err.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('/'), code: i.code, message: i.message }));
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: 'params' | 'query' | 'body'): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!r.success) {
    const status = part === 'params' ? 400 : part === 'query' ? 400 : 422;
    throw new UserError(status, `invalid_${part}`, `the request ${part} is invalid`, problemsOf(r.error, part));
  }
  return r.data;
}

export function mount(app: Express, routes: readonly Route[]): void {
  for (const r of routes) {
    app[r.method](r.path, (req: Request, res: Response, next: NextFunction) => {
      (async () => {
        const rawActor = req.header('x-user');
        if (rawActor !== undefined && !actorHeader.safeParse(rawActor).success) {
          throw new UserError(400, 'invalid_actor', 'X-User must be 1-64 letters, digits, _ . @ or -');
        }
        const params = parsePart(r.params, req.params, 'params');
        const query = parsePart(r.query, req.query, 'query');
        const body = parsePart(r.body, req.body, 'body');
        const result = await r.handle({ params, query, body, actor: rawActor ?? 'anonymous' });
        res.status(r.status ?? 200).json(result ?? {});
      })().catch(next);
    });
  }
}
