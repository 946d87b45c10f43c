import { EntitySchema } from 'typeorm';

/**
 * One row of the audit trail: who did what to which object, when and from where. Rows are
 * chained (audit-chain.ts) and only ever appended (append.ts); the table refuses UPDATE and DELETE.
 */
export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  kind: string;
  key: string;
  detail: object;
  at: Date;
  /** The client's address, when the row was written for a request. */
  ip: string | null;
  /** The previous row's hash (GENESIS_HASH for the first row). */
  prevHash: string;
  /** sha256 over prevHash and this row's content. */
  hash: string;
}

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    actor: { type: 'text' },
    action: { type: 'text' },
    kind: { type: 'text' },
    key: { type: 'text' },
    detail: { type: 'jsonb' },
    at: { type: 'timestamptz' },
    ip: { type: 'text', nullable: true },
    prevHash: { name: 'prev_hash', type: 'text' },
    hash: { type: 'text' },
  },
});
