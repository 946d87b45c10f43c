import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { LabTestEntity } from './lab-test.entity';
import { labTestOnce } from './lab-test-once';
import { fieldText } from '../../engine/activities/field-text';

/** Kinds of test the processes book; the lab and the reports group by them. */
export const TEST_KINDS = ['landing', 'quarantine', 'final', 'observation', 'routine', 'sentinel', 'school', 'cold-chain-sample'] as const;

/** Books a nucleic-acid test with the lab; its result arrives later (a `test-result` event, then recordTestResult). */
export const scheduleTestActivity = defineEpidemicActivity({
  name: 'scheduleTest',
  title: { zh: '安排核酸检测', en: 'Schedule a test' },
  description: {
    zh: '为人员或冷链批次预约核酸检测（落地检、隔离期检测、常态化检测等），返回检测编号',
    en: 'Books a nucleic-acid test for a person or a cold-chain batch (landing, quarantine, routine...); answers the test id',
  },
  category: 'testing',
  input: z.object({
    subject: z.string().min(1).max(100).meta(fieldText({ zh: '对象编号', en: 'Subject' }, { zh: '人员编号或批次号（不得填身份证号）', en: 'Opaque person id or batch id (never an ID number)' })),
    kind: z.enum(TEST_KINDS).meta(fieldText({ zh: '检测类型', en: 'Kind' }, { zh: '检测的类型', en: 'Kind of test' })),
    dueInHours: z.number().min(0).max(24 * 90).default(0).meta(fieldText({ zh: '几小时内采样', en: 'Due in hours' }, { zh: '距现在多少小时内须采样', en: 'Hours from now when the sample is due' })),
  }),
  output: z.object({ testId: z.uuid(), labRef: z.string(), dueAt: z.string() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT2S', backoff: 2 },
  async handler(input, ctx) {
    const { db, adapters } = ctx;
    const repo = db.getRepository(LabTestEntity);
    const test = await labTestOnce(ctx, { subject: input.subject, kind: input.kind, dueAt: new Date(Date.now() + input.dueInHours * 3_600_000), status: 'scheduled' });
    // The row exists before the booking, so a retry books the same test id again and the lab can drop the repeat.
    if (test.labRef === null) {
      const { labRef } = await adapters.lab.book({ testId: test.id, subject: test.subject, kind: test.kind, dueAt: test.dueAt });
      await repo.update({ id: test.id }, { labRef });
      test.labRef = labRef;
    }
    return { testId: test.id, labRef: test.labRef, dueAt: test.dueAt.toISOString() };
  },
});
