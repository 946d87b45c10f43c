import { z } from 'zod';
import { faultPoint } from '../../fault-points';
import { enqueueNotice } from '../../notices/outbox';
import { defineActivity } from '../define';

export const NOTICE_CHANNELS = ['sms', 'wecom', 'app'] as const;

export const recipientInput = z
  .object({
    type: z.enum(['person', 'group', 'role']),
    id: z.string().min(1).max(100).describe('Opaque person id, or a group or role such as district-office'),
  })
  .describe('Who receives it');

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
    zh: '通过短信、企业微信或应用消息通知本人或工作组；先写入发件箱，再由投递程序至少投递一次，重试不重复发送',
    en: 'Notifies a person or a group by SMS, WeCom or app message; stored in the outbox and delivered at least once, never duplicated by a retry',
  },
  category: 'notification',
  input: z.object({
    to: recipientInput,
    template: templateName,
    params: z.record(z.string(), z.unknown()).default({}).describe('Values the template fills in'),
    channel: z.enum(NOTICE_CHANNELS).default('sms').describe('How it is sent'),
  }),
  output: z.object({ noticeId: z.uuid() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const { notice } = await enqueueNotice(ctx.db.manager, ctx.idempotencyKey, {
      caseId: ctx.meta.caseId,
      channel: input.channel,
      recipient: input.to,
      template: input.template,
      params: input.params,
    });
    // The worst moment to die: the notice is stored and Temporal does not know (the fault tests).
    faultPoint('notify:after-store');
    return { noticeId: notice.id };
  },
});
