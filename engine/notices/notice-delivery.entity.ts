import { EntitySchema } from 'typeorm';
import type { Recipient } from './notice.entity';

/** A delivery the local notifier made (it stands in for SMS or WeCom where there is none). */
export interface NoticeDeliveryRow {
  id: string;
  noticeId: string;
  channel: string;
  recipient: Recipient;
  deliveredAt: Date;
}

export const NoticeDeliveryEntity = new EntitySchema<NoticeDeliveryRow>({
  name: 'NoticeDelivery',
  tableName: 'notice_deliveries',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    noticeId: { type: 'uuid', name: 'notice_id' },
    channel: { type: 'text' },
    recipient: { type: 'jsonb' },
    deliveredAt: { type: 'timestamptz', name: 'delivered_at', createDate: true },
  },
});
