/**
 * The HTTP API and the editor's static files. Every answer carries the security headers;
 * a request for another Host, or a write from another site, is refused before routing; each
 * route's input passes the input gate (route.ts). Errors leave as
 * {error: {code, message, problems?}}; a stack trace never reaches a client.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Authenticator } from '../auth/authenticator';
import { NotFoundError, UserError } from '../errors';
import type { Logger } from '../logger';
import { METRICS_CONTENT_TYPE, metricsText } from '../metrics/exposition';
import { httpMetrics } from '../metrics/http';
import { httpSpans } from '../tracing/http-spans';
import { isTemporalUnavailable } from '../temporal/unavailable';
import { databaseAnswer, type ErrorAnswer } from './database-errors';
import { hostCheck } from './host-check';
import { openApiDocument } from './openapi';
import { sameOriginWrites } from './origin-check';
import { mount, type Route } from './route';
import { securityHeaders } from './security-headers';

export const EDITOR_DIR = path.resolve(__dirname, '../../dist/editor');

export interface AppOptions {
  /** Host names the app answers (Config.allowedHosts). */
  allowedHosts: readonly string[];
  /** Proxies believed about the client's address (Config.trustProxy); none unless said. */
  trustProxy?: number | string;
  /** Finds who is calling a route; without one, every route but the public ones answers 401. */
  authenticator?: Authenticator;
  /** The built editor; dist/editor unless said. */
  editorDir?: string;
}

const TEMPORAL_UNAVAILABLE: ErrorAnswer = { status: 503, code: 'temporal_unavailable', message: 'the workflow service is unavailable; retry shortly', retryAfterSeconds: 5 };

/** The express app: security checks, the routes behind their input gate, the editor's files, the one error handler. */
export function createApp(routes: readonly Route[], log: Logger, { allowedHosts, trustProxy, authenticator, editorDir = EDITOR_DIR }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The client's address (sign-in limits, the audit trail) comes from X-Forwarded-For only through proxies named here.
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  // First, so refused requests are timed (and traced) too.
  app.use(httpMetrics, httpSpans);
  app.use(securityHeaders, hostCheck(allowedHosts), sameOriginWrites);
  // Prometheus format. Behind the Host check like the rest: list the name a scraper uses in ALLOWED_HOSTS.
  app.get('/metrics', (_req, res, next) => {
    metricsText().then((text) => res.type(METRICS_CONTENT_TYPE).send(text), next);
  });
  const doc = openApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  mount(app, routes, authenticator);
  app.use('/api', (req, _res, next) => next(new NotFoundError(`no API route ${req.method} ${req.baseUrl}${req.path}`)));

  if (fs.existsSync(path.join(editorDir, 'index.html'))) {
    app.use(express.static(editorDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes all load the one page.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(editorDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text').send('The editor is not built. Run `npm run build`, then reload.');
    });
  }
  app.use((req, _res, next) => next(new NotFoundError(`nothing at ${req.method} ${req.path}`)));

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const answer = (a: ErrorAnswer, problems?: unknown) => {
      if (a.retryAfterSeconds) res.set('Retry-After', String(a.retryAfterSeconds));
      res.status(a.status).json({ error: { code: a.code, message: a.message, ...(problems ? { problems } : {}) } });
    };
    if (err instanceof UserError) {
      answer({ status: err.status, code: err.code, message: err.message, retryAfterSeconds: err.retryAfterSeconds ?? (err.status === 503 ? 5 : undefined) }, err.problems);
      return;
    }
    const e = err as { status?: number; message?: string };
    const where = { method: req.method, route: req.route?.path ?? req.path };
    const known = databaseAnswer(err) ?? (isTemporalUnavailable(err) ? TEMPORAL_UNAVAILABLE : undefined);
    if (known) {
      log.warn({ ...where, code: known.code, err: e.message }, 'a dependency refused or is unavailable');
      answer(known);
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      // Errors express and its body reader raise about the request itself (e.g. an undecodable %-escape).
      answer({ status: e.status, code: 'bad_request', message: e.message ?? 'bad request' });
      return;
    }
    log.error({ ...where, err: e.message, stack: (err as Error)?.stack }, 'request failed');
    answer({ status: 500, code: 'internal', message: 'internal error; see the server log' });
  });
  return app;
}
