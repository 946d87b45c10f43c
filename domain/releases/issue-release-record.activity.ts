import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { cstDay } from '../cst-day';
import { defineEpidemicActivity } from '../define-activity';
import { ReleaseRecordEntity } from './release-record.entity';
import { fieldText } from '../../engine/activities/field-text';

/** Issues the numbered record that ends a quarantine, an observation period or a cold-chain hold. */
export const issueReleaseRecordActivity = defineEpidemicActivity({
  name: 'issueReleaseRecord',
  title: { zh: '出具解除记录', en: 'Issue a release record' },
  description: {
    zh: '解除隔离、观察期结束或冷链批次放行时出具带编号的解除记录',
    en: 'Issues the numbered record that ends a quarantine, an observation period or a cold-chain hold',
  },
  category: 'quarantine',
  input: z.object({
    subject: z.string().min(1).max(100).meta(fieldText({ zh: '对象编号', en: 'Subject' }, { zh: '人员编号或批次号（不含身份证号）', en: 'Opaque person id or batch id' })),
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a lower-case word such as centralized-quarantine')
      .meta(fieldText({ zh: '解除类型', en: 'Kind' }, { zh: '解除的类型，例如 centralized-quarantine、home-quarantine、observation、cold-chain', en: 'What is released: centralized-quarantine, home-quarantine, observation, cold-chain...' })),
    details: z.record(z.string(), z.unknown()).default({}).meta(fieldText({ zh: '详情', en: 'Details' }, { zh: '记录中写明的内容，例如已隔离天数', en: 'What the record states, e.g. days served' })),
  }),
  output: z.object({ recordId: z.uuid(), number: z.string(), issuedAt: z.string() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const { db } = ctx;
    const repo = db.getRepository(ReleaseRecordEntity);
    let record = await repo.findOneBy({ idempotencyKey: ctx.idempotencyKey });
    if (!record) {
      // A number drawn by an attempt that then loses the insert is skipped: numbers are unique, not gapless.
      const [{ n }]: { n: string }[] = await db.query(`SELECT nextval('release_record_numbers') AS n`);
      const now = new Date();
      await db
        .createQueryBuilder()
        .insert()
        .into(ReleaseRecordEntity)
        .values({
          id: randomUUID(),
          idempotencyKey: ctx.idempotencyKey,
          number: `JC-${cstDay(now)}-${n.padStart(6, '0')}`,
          caseId: ctx.meta.caseId,
          subject: input.subject,
          kind: input.kind,
          details: input.details,
        })
        .orIgnore()
        .execute();
      record = await repo.findOneByOrFail({ idempotencyKey: ctx.idempotencyKey });
    }
    return { recordId: record.id, number: record.number, issuedAt: record.issuedAt.toISOString() };
  },
});
