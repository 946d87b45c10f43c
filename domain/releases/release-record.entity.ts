import { EntitySchema } from 'typeorm';

/** The document that ends a quarantine, an observation or a cold-chain hold; `number` is what is printed on it. */
export interface ReleaseRecordRow {
  id: string;
  idempotencyKey: string;
  number: string;
  caseId: string;
  subject: string;
  kind: string;
  details: object;
  issuedAt: Date;
}

export const ReleaseRecordEntity = new EntitySchema<ReleaseRecordRow>({
  name: 'ReleaseRecord',
  tableName: 'release_records',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    number: { type: 'text' },
    caseId: { type: 'text', name: 'case_id' },
    subject: { type: 'text' },
    kind: { type: 'text' },
    details: { type: 'jsonb' },
    issuedAt: { type: 'timestamptz', name: 'issued_at', createDate: true },
  },
});
