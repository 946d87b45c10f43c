/**
 * The notice outbox. A notice is stored in the same step that decides to send it,
 * once per idempotency key, and the dispatcher delivers it later: a retried
 * activity never sends twice, and a notifier that is down loses nothing.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NoticeEntity, type NoticeRow, type Recipient } from './notice.entity';

export interface NoticeRequest {
  caseId: string;
  channel: string;
  recipient: Recipient;
  template: string;
  params: Record<string, unknown>;
}

/** Stores the notice unless one with this key exists; answers the stored one and whether this call created it. */
export async function enqueueNotice(m: EntityManager, idempotencyKey: string, req: NoticeRequest): Promise<{ notice: NoticeRow; created: boolean }> {
  const inserted = await m
    .createQueryBuilder()
    .insert()
    .into(NoticeEntity)
    .values({ id: randomUUID(), idempotencyKey, ...req })
    .orIgnore()
    .returning(['id'])
    .execute();
  const notice = await m.getRepository(NoticeEntity).findOneByOrFail({ idempotencyKey });
  return { notice, created: inserted.raw.length > 0 };
}
