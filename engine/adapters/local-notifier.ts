import type { DataSource } from 'typeorm';
import { NoticeDeliveryEntity } from '../notices/notice-delivery.entity';
import type { Notifier, OutboundNotice } from './notifier';

/** Offline: records each delivery in `notice_deliveries`, where operators and tests can see it. */
export class LocalNotifier implements Notifier {
  readonly kind = 'local';

  constructor(private readonly db: DataSource) {}

  async deliver(notice: OutboundNotice): Promise<void> {
    await this.db.getRepository(NoticeDeliveryEntity).insert({ noticeId: notice.id, channel: notice.channel, recipient: notice.recipient });
  }
}
