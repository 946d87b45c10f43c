import { EntitySchema } from 'typeorm';

/** A line a process wrote about a case (the built-in `log` activity). */
export interface CaseLogRow {
  id: string;
  caseId: string;
  nodeId: string;
  level: string;
  message: string;
  idempotencyKey: string;
  at: Date;
}

export const CaseLogEntity = new EntitySchema<CaseLogRow>({
  name: 'CaseLog',
  tableName: 'case_log',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    caseId: { type: 'text', name: 'case_id' },
    nodeId: { type: 'text', name: 'node_id' },
    level: { type: 'text' },
    message: { type: 'text' },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    at: { type: 'timestamptz', createDate: true },
  },
});
