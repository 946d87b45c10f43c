import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { LabTestEntity, TEST_RESULTS, type LabTestRow } from './lab-test.entity';
import { labTestOnce } from './lab-test-once';
import { TEST_KINDS } from './schedule-test.activity';
import { fieldText } from '../../engine/activities/field-text';

/**
 * Records a test result: for a booked test (by id), or for a test taken without
 * a booking (a walk-in, by subject). The first result of a test stands; a
 * re-test is a new test.
 */
export const recordTestResultActivity = defineEpidemicActivity({
  name: 'recordTestResult',
  title: { zh: '录入核酸结果', en: 'Record a test result' },
  description: {
    zh: '录入已预约检测（按检测编号）或未预约检测（按对象）的核酸结果；阳性结果由流程转入转运和流调',
    en: 'Records the result of a booked test (by test id) or of a walk-in test (by subject); a positive result lets the process divert',
  },
  category: 'testing',
  input: z
    .object({
      testId: z.uuid().optional().meta(fieldText({ zh: '检测编号', en: 'Test' }, { zh: '已预约的检测', en: 'The booked test' })),
      subject: z.string().min(1).max(100).optional().meta(fieldText({ zh: '对象编号', en: 'Subject' }, { zh: '未预约检测时的人员编号或批次号', en: 'Opaque person id or batch id, for a test without a booking' })),
      kind: z.enum(TEST_KINDS).default('routine').meta(fieldText({ zh: '检测类型', en: 'Kind' }, { zh: '未预约检测的类型', en: 'Kind of a test without a booking' })),
      result: z.enum(TEST_RESULTS).meta(fieldText({ zh: '结果', en: 'Result' }, { zh: '阴性、阳性或无效', en: 'negative, positive or invalid' }, { negative: { zh: '阴性', en: 'Negative' }, positive: { zh: '阳性', en: 'Positive' }, invalid: { zh: '无效', en: 'Invalid' } })),
    })
    .refine((v) => v.testId !== undefined || v.subject !== undefined, { message: 'give the testId of a booked test, or a subject', path: ['testId'] }),
  output: z.object({ testId: z.uuid(), result: z.enum(TEST_RESULTS), positive: z.boolean() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const { db } = ctx;
    const repo = db.getRepository(LabTestEntity);
    let test: LabTestRow | null;
    if (input.testId !== undefined) {
      await repo.update({ id: input.testId, status: 'scheduled' }, { status: 'resulted', result: input.result, resultedAt: new Date() });
      test = await repo.findOneBy({ id: input.testId });
      if (!test) throw ApplicationFailure.nonRetryable(`test '${input.testId}' was never scheduled`, 'TestNotFound');
    } else {
      // The input's refine guarantees a subject when there is no test id.
      const now = new Date();
      test = await labTestOnce(ctx, { subject: input.subject!, kind: input.kind, dueAt: now, status: 'resulted', result: input.result, resultedAt: now });
    }
    const result = test.result ?? input.result;
    return { testId: test.id, result, positive: result === 'positive' };
  },
});
