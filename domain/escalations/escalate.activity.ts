import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NOTICE_CHANNELS } from '../../engine/activities/builtin/notify';
import { dutyNotices } from '../../engine/duty/on-duty';
import type { Recipient } from '../../engine/notices/notice.entity';
import { enqueueNotice } from '../../engine/notices/outbox';
import { unitOfCase } from '../../engine/orgunits/case-unit';
import { defineEpidemicActivity } from '../define-activity';
import { EscalationEntity } from './escalation.entity';
import { fieldText } from '../../engine/activities/field-text';

/**
 * Raises the case to a higher level (district office, district headquarters,
 * community...): records the escalation and notifies that level, together and
 * once per step, while the case itself carries on. With `toDuty` the notice goes to
 * whoever is on duty in the case's org unit when it is sent (关键岗位24小时值班), or, with
 * nobody on duty, to the level's group, saying so (engine/duty/on-duty.ts).
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
    toDuty: z
      .boolean()
      .default(false)
      .meta(
        fieldText(
          { zh: '通知值班人员', en: 'To whoever is on duty' },
          { zh: '发给案件所属单位当前的值班人员；无人值班时发给上报对象的工作组', en: "To whoever is on duty in the case's org unit now; to the level's group when nobody is" },
        ),
      ),
  }),
  output: z.object({ escalationId: z.uuid(), noticeId: z.uuid(), level: z.string() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const { caseId, nodeId } = ctx.meta;
    const orgUnit = input.toDuty ? await unitOfCase(ctx.db, caseId) : undefined;
    const row = await ctx.db.transaction(async (m) => {
      const group: { recipient: Recipient; params: Record<string, unknown> } = { recipient: { type: 'group', id: input.level }, params: {} };
      const recipients = orgUnit === undefined ? [group] : await dutyNotices(m, orgUnit, input.level);
      const stored = [];
      // The level's group keeps the key it always had, so a step retried across this change sends nothing twice.
      for (const { recipient, params } of recipients) {
        const key = recipient.type === 'group' && recipient.id === input.level ? `${ctx.idempotencyKey}#escalation` : `${ctx.idempotencyKey}#escalation:${recipient.type}:${recipient.id}`;
        const { notice } = await enqueueNotice(m, key, {
          caseId: caseId,
          channel: input.channel,
          recipient,
          template: 'escalation',
          params: { reason: input.reason, caseId, subject: input.subject ?? null, ...input.details, ...params },
        });
        stored.push(notice);
      }
      const notice = stored[0];
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
