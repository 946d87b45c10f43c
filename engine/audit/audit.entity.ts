import { EntitySchema } from 'typeorm';

/** Who changed which process or rule set, when, and how. */
export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  kind: string;
  key: string;
  detail: object;
  at: Date;
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
    at: { type: 'timestamptz', createDate: true },
  },
});
