/**
 * The Temporal SDK's own worker metrics (schedule-to-start latency, task slots, polls…), which
 * its core runtime exports in Prometheus format on a port of its own. Bound to a free loopback
 * port and served as part of the process's metrics (exposition.ts), so an operator scrapes one
 * endpoint per process.
 */
import type { TelemetryOptions } from '@temporalio/worker';
import { freePort } from '../net';

let coreUrl: string | undefined;

/** Telemetry options that turn the exporter on, for Runtime.install (once per process). */
export async function coreMetricsTelemetry(): Promise<TelemetryOptions> {
  const port = await freePort();
  coreUrl = `http://127.0.0.1:${port}/metrics`;
  return { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } };
}

/** What the core exporter has now; nothing when it is off or does not answer. */
export async function coreMetricsText(): Promise<string> {
  if (!coreUrl) return '';
  try {
    const res = await fetch(coreUrl, { signal: AbortSignal.timeout(2000) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}
