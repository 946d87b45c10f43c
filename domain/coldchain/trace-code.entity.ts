import { EntitySchema } from 'typeorm';

/** The trace code of an imported cold-chain batch: one per batch, unique across batches. */
export interface TraceCodeRow {
  code: string;
  batchId: string;
  caseId: string;
  details: object;
  issuedAt: Date;
}

export const TraceCodeEntity = new EntitySchema<TraceCodeRow>({
  name: 'TraceCode',
  tableName: 'trace_codes',
  columns: {
    code: { type: 'text', primary: true },
    batchId: { type: 'text', name: 'batch_id' },
    caseId: { type: 'text', name: 'case_id' },
    details: { type: 'jsonb' },
    issuedAt: { type: 'timestamptz', name: 'issued_at', createDate: true },
  },
});
