/**
 * Routes declared as data: method, path, who may call it, zod schemas for params, query and
 * body, and a handler. The same declarations check access, validate requests and generate
 * OpenAPI. Every route gets the access guard (auth/guard.ts), then the input gate
 * (input-gate.ts), in front of its schemas.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { pathOf, type Problem } from '../../language';
import { clientAddress, withRequestOrigin } from '../audit/origin';
import type { Authenticator } from '../auth/authenticator';
import { guard, principalOf } from '../auth/guard';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { ValidationError } from '../errors';
import { inputGate } from './input-gate';
import { Reply } from './reply';

/** What a public route's handler gets. */
export interface PublicRouteRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** A request header (e.g. If-Match), as sent. */
  header(name: string): string | undefined;
  /** The client's address (the proxy's unless TRUST_PROXY says to believe X-Forwarded-For). */
  ip: string;
  /** Aborted when the client goes away before the answer: long work (an impact preview) stops then. */
  signal: AbortSignal;
}

/** What a guarded route's handler gets: the request and who made it. */
export interface RouteRequest<P, Q, B> extends PublicRouteRequest<P, Q, B> {
  principal: Principal;
  /** Who is acting, for the audit trail: the principal's username. */
  actor: string;
}

interface RouteShape<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status; 200 unless said. */
  status?: number;
  /** The success answer's shape, for the OpenAPI document only (a contract other clients build on). */
  response?: z.ZodType;
  /** Largest body accepted, in bytes; 1 MB unless said. */
  bodyLimit?: number;
  /** Set on a deprecated alias (legacy-paths.ts): the path that replaces it. */
  successor?: string;
}

type Guarded<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = RouteShape<P, Q, B> & {
  /** The permission a caller needs (auth/permissions.ts). */
  permission: Permission;
  public?: never;
  handle(req: RouteRequest<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<unknown>;
};

type Open<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = RouteShape<P, Q, B> & {
  /** Anyone may call it, signed in or not (health, sign-in). */
  public: true;
  permission?: never;
  handle(req: PublicRouteRequest<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<unknown>;
};

/** A route declaration: exactly one of `permission` or `public: true`, or it does not type-check. */
export type Route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = Guarded<P, Q, B> | Open<P, Q, B>;

export function route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(r: Route<P, Q, B>): Route {
  return r as unknown as Route;
}

function problemsOf(err: z.ZodError, prefix: string): Problem[] {
  return err.issues.map((i) => ({ path: pathOf([prefix, ...i.path]), code: i.code, message: i.message }));
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: 'params' | 'query' | 'body'): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!r.success) {
    const status = part === 'params' ? 400 : part === 'query' ? 400 : 422;
    throw new ValidationError(`invalid_${part}`, `the request ${part} is invalid`, problemsOf(r.error, part), status);
  }
  return r.data;
}

/** Mounts the routes, each behind its access guard and the input gate; `authenticator` finds the caller. */
export function mount(app: Express, routes: readonly Route[], authenticator?: Authenticator): void {
  for (const r of routes) {
    app[r.method](r.path, guard(r, authenticator), inputGate(r.bodyLimit), (req: Request, res: Response, next: NextFunction) => {
      (async () => {
        if (r.successor) {
          const successor = r.successor.replace(/:([A-Za-z_]+)/g, (_, name: string) => encodeURIComponent(String(req.params[name])));
          res.set({ deprecation: 'true', link: `<${successor}>; rel="successor-version"` });
        }
        const params = parsePart(r.params, req.params, 'params');
        const query = parsePart(r.query, req.query, 'query');
        const body = parsePart(r.body, req.body, 'body');
        const principal = principalOf(res);
        const ip = clientAddress(req.ip);
        const gone = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) gone.abort(new Error('the client closed the request'));
        });
        const request = { params, query, body, principal, actor: principal?.username, header: (name: string) => req.header(name), ip: ip ?? '', signal: gone.signal };
        const result = await withRequestOrigin({ ip }, () => r.handle(request as RouteRequest<unknown, unknown, unknown>));
        if (result instanceof Reply) {
          const reply = res.set(result.headers).status(result.status ?? r.status ?? 200);
          // A text or binary answer (a CSV report, a PDF) goes as it is, under the content type its headers name.
          if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) reply.send(result.body);
          else reply.json(result.body ?? {});
          return;
        }
        res.status(r.status ?? 200).json(result ?? {});
      })().catch(next);
    });
  }
}
