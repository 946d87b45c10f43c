import { EntitySchema } from 'typeorm';

/** Who a notice is for: a person (by opaque id), a group or role of officials, or one official's account (by username). */
export interface Recipient {
  type: 'person' | 'group' | 'role' | 'user';
  id: string;
}

export type NoticeStatus = 'pending' | 'delivered' | 'failed';

/** The outbox: one row per notice a case asked for (unique per idempotency key), delivered at least once by the dispatcher. */
export interface NoticeRow {
  id: string;
  idempotencyKey: string;
  caseId: string;
  channel: string;
  recipient: Recipient;
  template: string;
  params: object;
  status: NoticeStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export const NoticeEntity = new EntitySchema<NoticeRow>({
  name: 'Notice',
  tableName: 'notices',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    caseId: { type: 'text', name: 'case_id' },
    channel: { type: 'text' },
    recipient: { type: 'jsonb' },
    template: { type: 'text' },
    params: { type: 'jsonb' },
    status: { type: 'text' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'timestamptz', name: 'next_attempt_at' },
    leaseUntil: { type: 'timestamptz', name: 'lease_until', nullable: true },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    deliveredAt: { type: 'timestamptz', name: 'delivered_at', nullable: true },
  },
});
