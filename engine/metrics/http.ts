/**
 * HTTP latency by route and status. The route is the declared path (`/api/instances/:id`), never
 * the URL asked for: ids in a label would make a series per case, and URLs carry what users type.
 */
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { registry } from './registry';

const requestSeconds = new Histogram({
  name: 'epi_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, declared route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** The route's declared path once routing matched one; requests no route took are told apart only as API or editor. */
export function routeOf(req: Request): string {
  if (req.route?.path) return `${req.baseUrl}${String(req.route.path)}`;
  return req.originalUrl.startsWith('/api/') ? 'unmatched' : 'editor';
}

/** Express middleware: observes every answer when it has been sent. */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = requestSeconds.startTimer();
  res.once('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
  next();
}
