import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { localizedText } from '../../language';
import { defineEpidemicActivity } from '../define-activity';
import { NoCapacityError, takePlace } from './site-allocation';
import { fieldText } from '../../engine/activities/field-text';

/**
 * Takes a place at a centralized-quarantine site. Never over-books, even under
 * many concurrent cases; a retried attempt gets the same place. When every site
 * is full it fails at once (NoQuarantineCapacity), so the process can escalate
 * and try again later rather than retrying blindly.
 */
export const assignQuarantineSiteActivity = defineEpidemicActivity({
  name: 'assignQuarantineSite',
  title: { zh: '分配集中隔离点', en: 'Assign a quarantine site' },
  description: {
    zh: '在集中隔离点中分配一个床位（按区，优先空余最多的隔离点），并发时不超员；无空位时立即失败以便流程上报',
    en: 'Takes a place at a centralized-quarantine site (in the district, at the site with most room), never over-booking; fails at once when all are full',
  },
  category: 'quarantine',
  input: z.object({
    subject: z.string().min(1).max(100).meta(fieldText({ zh: '人员编号', en: 'Subject' }, { zh: '人员编号（不含身份证号）', en: 'Opaque person id' })),
    district: z.string().min(1).max(100).optional().meta(fieldText({ zh: '所在区', en: 'District' }, { zh: '只分配该区的隔离点；不填则不限', en: 'Only sites of this district; any district when absent' })),
  }),
  output: z.object({ assignmentId: z.uuid(), siteId: z.string(), siteName: localizedText, district: z.string() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    try {
      const { assignment, site } = await takePlace(ctx.db, ctx.idempotencyKey, ctx.meta.caseId, input.subject, input.district);
      ctx.log.info({ siteId: site.id, assignmentId: assignment.id }, 'quarantine place taken');
      return { assignmentId: assignment.id, siteId: site.id, siteName: site.name, district: site.district };
    } catch (err) {
      if (err instanceof NoCapacityError) throw ApplicationFailure.nonRetryable(err.message, 'NoQuarantineCapacity');
      throw err;
    }
  },
});
