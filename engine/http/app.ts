/**
 * The HTTP API and the editor's static files. Errors leave as
 * {error: {code, message, problems?}}; a stack trace never reaches a client.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { UserError } from '../errors';
import type { Logger } from '../logger';
import { openApiDocument } from './openapi';
import { mount, type Route } from './route';

export const EDITOR_DIR = path.resolve(__dirname, '../../dist/editor');

export function createApp(routes: readonly Route[], log: Logger, editorDir = EDITOR_DIR): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  const doc = openApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  mount(app, routes);
  app.use('/api', (req, _res, next) => next(new UserError(404, 'not_found', `no API route ${req.method} ${req.baseUrl}${req.path}`)));

  if (fs.existsSync(path.join(editorDir, 'index.html'))) {
    app.use(express.static(editorDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes all load the one page.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(editorDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text').send('The editor is not built. Run `npm run build`, then reload.');
    });
  }

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof UserError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) } });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'malformed_json', message: 'the request body is not valid JSON' } });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'the request body is over 1 MB' } });
      return;
    }
    if (isUnavailable(err)) {
      log.warn({ err: e.message, route: req.route?.path }, 'a dependency is unavailable');
      res.status(503).json({ error: { code: 'temporal_unavailable', message: 'the workflow service is unavailable; retry shortly' } });
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'bad_request', message: e.message ?? 'bad request' } });
      return;
    }
    log.error({ err: e.message, stack: (err as Error)?.stack, method: req.method, route: req.route?.path }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  });
  return app;
}

/** gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4) from Temporal, directly or as the cause of a ServiceError. */
function isUnavailable(err: unknown): boolean {
  const codeOf = (x: unknown) => (x && typeof x === 'object' && 'code' in x ? (x as { code: unknown }).code : undefined);
  const code = codeOf(err) ?? codeOf((err as { cause?: unknown })?.cause);
  return code === 14 || code === 4;
}
