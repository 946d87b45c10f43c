/**
 * Temporal's OpenTelemetry interceptors: the client starts a span per workflow call and sends its
 * context in the headers; the workflow (interceptors bundled with it, spans leaving the sandbox
 * through a sink) and each activity continue it. The sink is always there, so a bundle made with
 * the interceptors runs whether tracing is on or not; off, its spans go nowhere.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { Resource } from '@opentelemetry/resources';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ClientInterceptors } from '@temporalio/client';
import { makeWorkflowExporter, OpenTelemetryActivityInboundInterceptor, OpenTelemetryWorkflowClientInterceptor, type OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';
import { activeTracing } from './tracing';

/** The workflow-side interceptors, for every workflow bundle. */
export const TRACING_WORKFLOW_MODULE = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

const discard: SpanExporter = {
  export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }),
  shutdown: async () => undefined,
};

export function tracingClientInterceptors(): ClientInterceptors | undefined {
  return activeTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}

/** The worker's activity interceptor, when tracing is on. */
export function tracingActivityInterceptors(): NonNullable<WorkerOptions['interceptors']>['activity'] {
  return activeTracing() ? [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })] : [];
}

/** The workflow spans' sink: every worker that runs a bundle has it, a replaying one too. */
export function tracingSinks(): InjectedSinks<OpenTelemetrySinks> {
  const tracing = activeTracing();
  return { exporter: makeWorkflowExporter(tracing?.exporter ?? discard, tracing?.resource ?? new Resource({})) };
}
