import { EntitySchema } from 'typeorm';

/** A case as the API started it. Its live state is in Temporal; this row links it to its process and audit trail. */
export interface CaseRow {
  id: string;
  processKey: string;
  version: number;
  businessKey: string | null;
  startedBy: string;
  startedAt: Date;
  /** The org unit the case belongs to: who may see it (orgunits/scope.ts). */
  orgUnit: string;
  /** 'starting' until Temporal holds the workflow (see case-start.ts). */
  state: 'starting' | 'started';
  /** The case that started this one (a ladder step's linked case, a subprocess node's child); null for a case started through the API. */
  parentCaseId: string | null;
}

export const CaseEntity = new EntitySchema<CaseRow>({
  name: 'Case',
  tableName: 'cases',
  columns: {
    id: { type: 'text', primary: true },
    processKey: { type: 'text', name: 'process_key' },
    version: { type: 'integer' },
    businessKey: { type: 'text', name: 'business_key', nullable: true },
    startedBy: { type: 'text', name: 'started_by' },
    startedAt: { type: 'timestamptz', name: 'started_at', createDate: true },
    orgUnit: { type: 'text', name: 'org_unit' },
    state: { type: 'text', default: 'started' },
    parentCaseId: { type: 'text', name: 'parent_case_id', nullable: true },
  },
});
