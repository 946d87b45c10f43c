/** The gRPC status code of an error from Temporal, directly or as the cause of a ServiceError. */
function grpcCode(err: unknown): unknown {
  const codeOf = (x: unknown) => (x && typeof x === 'object' && 'code' in x ? (x as { code: unknown }).code : undefined);
  return codeOf(err) ?? codeOf((err as { cause?: unknown })?.cause);
}

/** gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4) from Temporal. */
export function isTemporalUnavailable(err: unknown): boolean {
  const code = grpcCode(err);
  return code === 14 || code === 4;
}

/** gRPC DEADLINE_EXCEEDED (4): a call given a deadline (Connection.withDeadline) was not answered by then. */
export const isDeadlineExceeded = (err: unknown): boolean => grpcCode(err) === 4;

/**
 * gRPC FAILED_PRECONDITION (9) "no poller seen for task queue recently": Temporal's matching service
 * refuses a query at once when no worker has polled the case's task queue for a while (20 s by
 * default, matching.queryPollerUnavailableWindow) rather than letting it wait. The status code alone
 * is shared with other refusals, so the message tells this one apart.
 */
export function isNoWorkerPolling(err: unknown): boolean {
  const message = (x: unknown) => (x instanceof Error ? x.message : '');
  return grpcCode(err) === 9 && /no poller seen/i.test(`${message(err)} ${message((err as { cause?: unknown })?.cause)}`);
}
