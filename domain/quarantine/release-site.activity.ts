import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { releasePlace } from './site-allocation';
import { fieldText } from '../../engine/activities/field-text';

/** Gives a quarantine place back when the case leaves the site (released, or transferred to hospital). */
export const releaseSiteActivity = defineEpidemicActivity({
  name: 'releaseSite',
  title: { zh: '释放隔离床位', en: 'Release a quarantine place' },
  description: {
    zh: '解除隔离或转运后释放集中隔离点床位；重复释放无副作用',
    en: 'Frees the place held at a quarantine site when the case leaves it; releasing twice changes nothing',
  },
  category: 'quarantine',
  input: z.object({ assignmentId: z.uuid().meta(fieldText({ zh: '分配编号', en: 'Assignment' }, { zh: '分配隔离点步骤返回的分配编号', en: 'The assignment assignQuarantineSite answered' })) }),
  output: z.object({ siteId: z.string(), released: z.boolean() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const freed = await releasePlace(ctx.db, input.assignmentId);
    if (!freed) throw ApplicationFailure.nonRetryable(`assignment '${input.assignmentId}' does not exist`, 'AssignmentNotFound');
    return freed;
  },
});
