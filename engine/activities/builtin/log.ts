import { z } from 'zod';
import { CaseLogEntity } from '../../caselog/case-log.entity';
import { defineActivity } from '../define';
import { fieldText } from '../field-text';

/** Writes a line to the case's log: the simplest processes need nothing else. */
export const logActivity = defineActivity({
  name: 'log',
  title: { zh: '记录日志', en: 'Write to case log' },
  description: { zh: '向个案日志写入一条消息', en: "Writes a message to the case's log" },
  category: 'general',
  input: z.object({
    message: z.string().min(1).max(2000).meta(fieldText({ zh: '消息', en: 'Message' }, { zh: '写入个案日志的内容', en: 'What to write to the case log' })),
    level: z.enum(['info', 'warn', 'error']).default('info').meta(fieldText({ zh: '级别', en: 'Level' }, { zh: '日志的严重程度', en: 'How severe the entry is' }, { info: { zh: '信息', en: 'Info' }, warn: { zh: '警告', en: 'Warning' }, error: { zh: '错误', en: 'Error' } })),
  }),
  output: z.object({ logged: z.boolean() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    // The idempotency key makes a retried attempt write the line once.
    await ctx.db
      .createQueryBuilder()
      .insert()
      .into(CaseLogEntity)
      .values({ caseId: ctx.meta.caseId, nodeId: ctx.meta.nodeId, level: input.level, message: input.message, idempotencyKey: ctx.idempotencyKey })
      .orIgnore()
      .execute();
    return { logged: true };
  },
});
