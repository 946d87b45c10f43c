/**
 * OpenTelemetry tracing, on when OTEL_EXPORTER_OTLP_ENDPOINT names a collector (spans go there
 * over OTLP/HTTP) or when a test passes an exporter. One trace follows a request from the HTTP
 * API (http-spans.ts) through the Temporal client, the workflow and its activities (Temporal's
 * OpenTelemetry interceptors, temporal.ts) to each SQL query. Queries are traced by patching the
 * loaded `pg` module directly instead of through require hooks, which neither a module loaded
 * before tracing started nor one loaded by jest would pass through.
 */
import { createRequire } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  exporter: SpanExporter;
  resource: Resource;
  /** Sends what is finished now (spans go in batches). */
  flush(): Promise<void>;
}

let active: Tracing | undefined;

/** The tracing this process started, if any. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/** SQL queries as spans: the pg instrumentation applied to the `pg` module the app uses. */
function traceQueries(provider: NodeTracerProvider): void {
  const instrumentation = new PgInstrumentation({ enabled: false });
  instrumentation.setTracerProvider(provider);
  const load = createRequire(__filename);
  const version = (load('pg/package.json') as { version: string }).version;
  for (const definition of instrumentation.getModuleDefinitions()) {
    if (definition.name === 'pg') definition.patch?.(load('pg'), version);
  }
}

/**
 * Starts tracing for this process (once): to `exporter` (tests: spans handed over as they end),
 * else to the OTLP collector at `otlpEndpoint` (OTEL_EXPORTER_OTLP_ENDPOINT; in batches);
 * with neither it stays off.
 */
export function startTracing(serviceName: string, to: { otlpEndpoint?: string; exporter?: SpanExporter }): Tracing | undefined {
  if (active) return active;
  const { exporter, otlpEndpoint } = to;
  // The endpoint is the collector's base, as the variable's specification says; traces go to its /v1/traces.
  const chosen = exporter ?? (otlpEndpoint ? new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }) : undefined);
  if (!chosen) return undefined;
  const resource = new Resource({ 'service.name': serviceName });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [exporter ? new SimpleSpanProcessor(chosen) : new BatchSpanProcessor(chosen)] });
  // The global provider, the AsyncLocalStorage context manager and W3C trace-context propagation.
  provider.register();
  traceQueries(provider);
  active = { exporter: chosen, resource, flush: () => provider.forceFlush() };
  return active;
}
