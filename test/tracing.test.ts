/**
 * One trace from a request to the database: POST /api/cases, the Temporal client's start, the
 * workflow, the activity it schedules, that activity's run, and the SQL the activity sends, all
 * in one trace, each span the child of the one before. Spans go to an in-memory exporter here
 * (OTLP in production).
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../engine/tracing/tracing';
import { eventually, uniqueKey, useTestApp } from './support/app';
import { chain, publish, startCase, waitFor } from './support/processes';

jest.setTimeout(120_000);

const exporter = new InMemorySpanExporter();
// Before the app starts: its client and worker take their interceptors from the tracing then on.
startTracing('test', { exporter });
const app = useTestApp();

test('POST /api/cases → start → workflow → activity → its SQL: one trace, each span the child of the one before', async () => {
  const key = uniqueKey('traced');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'tell', type: 'activity', activity: 'notify', input: { to: "{'type': 'group', 'id': 'district-office'}", template: "'case-opened'" } },
      { id: 'end', type: 'end', outcome: 'told' },
    ]),
  );
  exporter.reset();
  const id = await startCase(app, key, {});
  await waitFor(app, id, 'completed', undefined, 45_000);

  // The workflow's spans leave the sandbox through a sink after its task: wait until the activity's SQL is there.
  const { trace, server, query } = await eventually(async () => {
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'POST /api/cases');
    const trace = spans.filter((s) => s.spanContext().traceId === server?.spanContext().traceId);
    const query = trace.find((s) => s.attributes['db.system'] === 'postgresql' && /insert into "?notices/i.test(String(s.attributes['db.statement'])));
    return server && query ? { trace, server, query } : undefined;
  }, 30_000, 'the SQL that stores the notice, in the request\'s trace');
  const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
  const parentOf = (s: ReadableSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);
  const named = (name: string) => {
    const span = trace.find((s) => s.name === name);
    if (!span) throw new Error(`no span '${name}' in the trace; it has: ${trace.map((s) => s.name).join(', ')}`);
    return span;
  };

  const runActivity = named('RunActivity:notify');
  const startActivity = named('StartActivity:notify');
  const runWorkflow = named('RunWorkflow:runProcess');
  const startWorkflow = named('StartWorkflow:runProcess');
  expect(parentOf(query)).toBe(runActivity);
  expect(parentOf(runActivity)).toBe(startActivity);
  expect(parentOf(startActivity)).toBe(runWorkflow);
  expect(parentOf(runWorkflow)).toBe(startWorkflow);
  // The client's start is made while answering the request.
  let up: ReadableSpan | undefined = startWorkflow;
  while (up && up !== server) up = parentOf(up);
  expect(up).toBe(server);
  expect(server.attributes).toMatchObject({ 'http.route': '/api/cases', 'http.response.status_code': 201 });
});
