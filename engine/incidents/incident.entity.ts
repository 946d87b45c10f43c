import { EntitySchema } from 'typeorm';
import type { IncidentAction } from '../../workflows/messages';

/** 'resolving': claimed by one resolution, which is being delivered to the case. */
export type IncidentStatus = 'open' | 'resolving' | 'resolved';

/** How an incident ended: an operator's action, or the case ending without one (cancelled or terminated). */
export type IncidentEnd = IncidentAction | 'case_ended';

/** A step that failed for good and waits at its node; its id is `<case>:<node>:<visit>:<n>`. */
export interface IncidentRow {
  id: string;
  caseId: string;
  processKey: string;
  version: number;
  nodeId: string;
  visit: number;
  error: string;
  errorType: string | null;
  attempts: number;
  /** The org unit of its case: who may see and resolve it. */
  orgUnit: string;
  status: IncidentStatus;
  openedAt: Date;
  action: IncidentEnd | null;
  outcome: string | null;
  comment: string | null;
  /** A skip's output while its resolution is delivered (wrapped, so null is an output), then cleared: it may hold personal data. */
  output: { value: unknown } | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export const IncidentEntity = new EntitySchema<IncidentRow>({
  name: 'Incident',
  tableName: 'incidents',
  columns: {
    id: { type: 'text', primary: true },
    caseId: { type: 'text', name: 'case_id' },
    processKey: { type: 'text', name: 'process_key' },
    version: { type: 'integer' },
    nodeId: { type: 'text', name: 'node_id' },
    visit: { type: 'integer' },
    error: { type: 'text' },
    errorType: { type: 'text', name: 'error_type', nullable: true },
    attempts: { type: 'integer' },
    orgUnit: { type: 'text', name: 'org_unit' },
    status: { type: 'text' },
    openedAt: { type: 'timestamptz', name: 'opened_at', createDate: true },
    action: { type: 'text', nullable: true },
    outcome: { type: 'text', nullable: true },
    comment: { type: 'text', nullable: true },
    output: { type: 'jsonb', nullable: true },
    resolvedBy: { type: 'text', name: 'resolved_by', nullable: true },
    resolvedAt: { type: 'timestamptz', name: 'resolved_at', nullable: true },
  },
});
