import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NOTICE_CHANNELS } from '../../engine/activities/builtin/notify';
import { enqueueNotice } from '../../engine/notices/outbox';
import { defineEpidemicActivity } from '../define-activity';
import { EscalationEntity } from './escalation.entity';
import { fieldText } from '../../engine/activities/field-text';

/**
 * Raises the case to a higher level (district office, district headquarters,
 * community...): records the escalation and notifies that level, together and
 * once per step, while the case itself carries on.
 */
export const escalateActivity = defineEpidemicActivity({
  name: 'escalate',
  title: { zh: '上报升级', en: 'Escalate' },
  description: {
    zh: '超时或异常时上报至区防控办、区疫情防控指挥部或社区等，留存上报记录并通知；案件继续运行',
    en: 'Raises a missed deadline or an anomaly to a higher level (district office, district headquarters, community): records it and notifies; the case carries on',
  },
  category: 'notification',
  input: z.object({
    level: z.string().min(1).max(100).meta(fieldText({ zh: '上报对象', en: 'Level' }, { zh: '上报给谁，例如 district-office、district-headquarters、community', en: 'Who it goes to, e.g. district-office, district-headquarters, community' })),
    reason: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a lower-case reason code such as missed-test')
      .meta(fieldText({ zh: '原因代码', en: 'Reason code' }, { zh: '上报原因的代码，例如 missed-test', en: 'Why, as a code such as missed-test' })),
    subject: z.string().min(1).max(100).optional().meta(fieldText({ zh: '对象编号', en: 'Subject' }, { zh: '人员编号或批次号（不含身份证号）', en: 'Opaque person id or batch id' })),
    details: z.record(z.string(), z.unknown()).default({}).meta(fieldText({ zh: '详情', en: 'Details' }, { zh: '接收方处置所需的信息', en: 'What the receiving level needs to act' })),
    channel: z.enum(NOTICE_CHANNELS).default('wecom').meta(fieldText({ zh: '渠道', en: 'Channel' }, { zh: '发送方式', en: 'How it is sent' })),
  }),
  output: z.object({ escalationId: z.uuid(), noticeId: z.uuid(), level: z.string() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const { caseId, nodeId } = ctx.meta;
    const row = await ctx.db.transaction(async (m) => {
      const { notice } = await enqueueNotice(m, `${ctx.idempotencyKey}#escalation`, {
        caseId: caseId,
        channel: input.channel,
        recipient: { type: 'group', id: input.level },
        template: 'escalation',
        params: { reason: input.reason, caseId, subject: input.subject ?? null, ...input.details },
      });
      await m
        .createQueryBuilder()
        .insert()
        .into(EscalationEntity)
        .values({
          id: randomUUID(),
          idempotencyKey: ctx.idempotencyKey,
          caseId: caseId,
          nodeId,
          level: input.level,
          reason: input.reason,
          details: input.details,
          noticeId: notice.id,
        })
        .orIgnore()
        .execute();
      return m.getRepository(EscalationEntity).findOneByOrFail({ idempotencyKey: ctx.idempotencyKey });
    });
    ctx.log.info({ escalationId: row.id, level: row.level, reason: row.reason }, 'escalated');
    return { escalationId: row.id, noticeId: row.noticeId, level: row.level };
  },
});
