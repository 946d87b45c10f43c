/** gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4) from Temporal, directly or as the cause of a ServiceError. */
export function isTemporalUnavailable(err: unknown): boolean {
  const codeOf = (x: unknown) => (x && typeof x === 'object' && 'code' in x ? (x as { code: unknown }).code : undefined);
  const code = codeOf(err) ?? codeOf((err as { cause?: unknown })?.cause);
  return code === 14 || code === 4;
}
