/**
 * Why a bulk action acts on a case, skips it or failed on it (engine/bulk/), declared once: each
 * reason a preview or a job's item gives carries one of these codes and its values as params, so a
 * UI words it in its own language; the English reason beside it stays for API clients and the CSV
 * report. A migration's refusals (engine/cases/migration-preview.ts) are reasons as they are.
 */
export const bulkReasonCodes = [
  // What the action would do, or did
  'would_cancel',
  'would_deliver',
  'would_migrate',
  'would_retry',
  'cancelled',
  'event_delivered',
  'migrated',
  'retried',
  // Why a case is left alone or failed
  'not_running',
  'event_not_awaited',
  'payload_invalid',
  'no_open_incident',
  'subprocess',
  'same_version',
  'version_not_published',
  'unknown_mapped_node',
  'not_single_wait',
  'not_waiting',
  'no_counterpart',
  'type_mismatch',
  /** A refusal of the services (as the single-case route answers it): params.apiCode is its API error code. */
  'refused',
  // The job's own
  'done_before_interruption',
  'interrupted',
  'job_cancelled',
  'job_not_started',
] as const;

export type BulkReasonCode = (typeof bulkReasonCodes)[number];

/** A reason's values, as its words interpolate them. */
export type BulkReasonParams = Record<string, string | number>;
