import { z } from 'zod';
import { faultPoint } from '../../fault-points';
import { dutyNotices } from '../../duty/on-duty';
import { enqueueNotice } from '../../notices/outbox';
import { unitOfCase } from '../../orgunits/case-unit';
import { defineActivity } from '../define';
import { fieldText } from '../field-text';

export const NOTICE_CHANNELS = ['sms', 'wecom', 'app'] as const;

export const recipientInput = z
  .object({
    type: z.enum(['person', 'group', 'role', 'duty']),
    id: z.string().min(1).max(100).describe("Opaque person id, or a group or role such as district-office; for duty, the group told when the case's org unit has nobody on duty"),
  })
  .describe("Who receives it; duty: whoever is on duty in the case's org unit when it is sent");

export const templateName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a lower-case template name such as task-assigned')
  .describe('Notice template');

/**
 * Sends a notice through the outbox: stored once per idempotency key in this
 * step, delivered at least once by the dispatcher. A retried step (say, after a
 * worker crash) finds its notice already stored and sends nothing more.
 */
export const notifyActivity = defineActivity({
  name: 'notify',
  title: { zh: '发送通知', en: 'Send a notice' },
  description: {
    zh: '通过短信、企业微信或应用消息通知本人、工作组或案件所属单位当前的值班人员（无人值班时通知工作组）；先写入发件箱，再由投递程序至少投递一次，重试不重复发送',
    en: "Notifies a person, a group or whoever is on duty in the case's org unit (the group when nobody is) by SMS, WeCom or app message; stored in the outbox and delivered at least once, never duplicated by a retry",
  },
  category: 'notification',
  input: z.object({
    to: recipientInput.meta(fieldText({ zh: '收件人', en: 'Recipient' }, { zh: '个人或群组', en: 'A person or a group' })),
    template: templateName.meta(fieldText({ zh: '通知模板', en: 'Template' }, { zh: '通知模板的名称', en: 'Name of the notice template' })),
    params: z.record(z.string(), z.unknown()).default({}).meta(fieldText({ zh: '模板参数', en: 'Template values' }, { zh: '模板中填入的值', en: 'Values the template fills in' })),
    channel: z.enum(NOTICE_CHANNELS).default('sms').meta(fieldText({ zh: '渠道', en: 'Channel' }, { zh: '发送方式', en: 'How it is sent' })),
  }),
  output: z.object({ noticeId: z.uuid(), noticeIds: z.array(z.uuid()).optional().describe('To a duty: every notice sent, one per person on duty') }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const base = { caseId: ctx.meta.caseId, channel: input.channel, template: input.template };
    const { type, id } = input.to;
    if (type === 'duty') {
      // One notice per person on duty in the case's unit, or the group's, saying nobody was on duty (dutyNotices).
      const orgUnit = await unitOfCase(ctx.db, ctx.meta.caseId);
      const ids = await ctx.db.transaction(async (m) => {
        const notices = await dutyNotices(m, orgUnit, id);
        const stored = [];
        for (const n of notices) stored.push((await enqueueNotice(m, `${ctx.idempotencyKey}#${n.recipient.type}:${n.recipient.id}`, { ...base, recipient: n.recipient, params: { ...input.params, ...n.params } })).notice.id);
        return stored;
      });
      faultPoint('notify:after-store');
      return { noticeId: ids[0], noticeIds: ids };
    }
    const { notice } = await enqueueNotice(ctx.db.manager, ctx.idempotencyKey, { ...base, recipient: { type, id }, params: input.params });
    // The worst moment to die: the notice is stored and Temporal does not know (the fault tests).
    faultPoint('notify:after-store');
    return { noticeId: notice.id };
  },
});
