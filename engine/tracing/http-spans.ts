/**
 * A server span per HTTP request, named by method and declared route (as the metrics are), and
 * continuing the caller's trace when it sends a `traceparent`. The request's and answer's event
 * listeners are bound to the span's context, so work done after the body has been read (route
 * handlers, the Temporal client, queries) still belongs to it.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { routeOf } from '../metrics/http';

const tracer = trace.getTracer('epi-flow-http');

export function httpSpans(req: Request, res: Response, next: NextFunction): void {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
  const ctx = trace.setSpan(parent, span);
  context.bind(ctx, req);
  context.bind(ctx, res);
  res.once('finish', () => {
    const route = routeOf(req);
    span.updateName(`${req.method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(ctx, next);
}
