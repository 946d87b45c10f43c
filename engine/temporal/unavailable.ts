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
