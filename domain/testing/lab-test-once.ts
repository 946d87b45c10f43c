import { randomUUID } from 'node:crypto';
import type { ActivityContext } from '../../engine/activities/define';
import { LabTestEntity, type LabTestRow } from './lab-test.entity';

type NewLabTest = Pick<LabTestRow, 'subject' | 'kind' | 'dueAt' | 'status'> & Partial<Pick<LabTestRow, 'result' | 'resultedAt'>>;

/** Inserts the lab test a step creates, once per idempotency key: a retried step gets the row its first attempt wrote. */
export async function labTestOnce(ctx: ActivityContext, values: NewLabTest): Promise<LabTestRow> {
  const { db } = ctx;
  await db
    .createQueryBuilder()
    .insert()
    .into(LabTestEntity)
    .values({ id: randomUUID(), idempotencyKey: ctx.idempotencyKey, caseId: ctx.meta.caseId, ...values })
    .orIgnore()
    .execute();
  return db.getRepository(LabTestEntity).findOneByOrFail({ idempotencyKey: ctx.idempotencyKey });
}
