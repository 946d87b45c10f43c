import { EntitySchema } from 'typeorm';

/** A case raised to a higher level (district office, commission, community...) and why; its notice is in the outbox. */
export interface EscalationRow {
  id: string;
  idempotencyKey: string;
  caseId: string;
  nodeId: string;
  level: string;
  reason: string;
  details: object;
  noticeId: string;
  createdAt: Date;
}

export const EscalationEntity = new EntitySchema<EscalationRow>({
  name: 'Escalation',
  tableName: 'escalations',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    caseId: { type: 'text', name: 'case_id' },
    nodeId: { type: 'text', name: 'node_id' },
    level: { type: 'text' },
    reason: { type: 'text' },
    details: { type: 'jsonb' },
    noticeId: { type: 'uuid', name: 'notice_id' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
