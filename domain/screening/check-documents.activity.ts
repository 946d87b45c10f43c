import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { PersonEntity } from '../persons/person.entity';
import { DocumentCheckEntity } from './document-check.entity';
import { HEALTH_CODES, RISK_LEVELS } from './health-code-system';
import { fieldText } from '../../engine/activities/field-text';

/**
 * Checks the three documents (health code, itinerary card, test report) through
 * the health-code system, and records what it found: the facts the
 * arrival-classification rules read.
 */
export const checkDocumentsActivity = defineEpidemicActivity({
  name: 'checkDocuments',
  title: { zh: '查验健康码、行程卡、核酸报告', en: 'Check health code, itinerary and test report' },
  description: {
    zh: '通过健康码系统核验健康码颜色、行程卡（中高风险地区）和最近一次核酸报告，并留存核验记录',
    en: 'Verifies the health-code colour, the itinerary card (risk areas) and the latest test report through the health-code system, and records the check',
  },
  category: 'screening',
  input: z.object({
    personId: z.uuid().meta(fieldText({ zh: '人员编号', en: 'Person' }, { zh: '已登记的人员编号', en: 'The person, as registered' })),
    healthCode: z.enum(HEALTH_CODES).optional().meta(fieldText({ zh: '健康码', en: 'Health code' }, { zh: '出示的健康码颜色', en: 'Colour shown' })),
    itinerary: z
      .array(z.object({ place: z.string().min(1).max(100), risk: z.enum(RISK_LEVELS) }))
      .max(100)
      .optional()
      .meta(fieldText({ zh: '行程卡', en: 'Itinerary' }, { zh: '行程卡上的地点及风险等级', en: 'Places on the itinerary card with their risk levels' })),
    testReport: z
      .object({ result: z.enum(['negative', 'positive']), takenAt: z.iso.datetime({ offset: true }) })
      .optional()
      .meta(fieldText({ zh: '核酸报告', en: 'Test report' }, { zh: '最近一次核酸检测报告', en: 'Latest nucleic-acid report' })),
  }),
  output: z.object({
    checkId: z.uuid(),
    source: z.string(),
    healthCode: z.enum(HEALTH_CODES),
    itineraryRisk: z.enum(RISK_LEVELS),
    testResult: z.enum(['negative', 'positive', 'none']),
    testAgeHours: z.number(),
  }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT2S', backoff: 2 },
  async handler(input, ctx) {
    const { db, adapters } = ctx;
    const person = await db.getRepository(PersonEntity).findOneBy({ id: input.personId });
    if (!person) throw ApplicationFailure.nonRetryable(`person '${input.personId}' is not registered`, 'PersonNotFound');
    const findings = await adapters.healthCodes.check(person, input, new Date());
    // A retried attempt keeps what the first one found, so the case and the record agree.
    await db
      .createQueryBuilder()
      .insert()
      .into(DocumentCheckEntity)
      .values({ id: randomUUID(), idempotencyKey: ctx.idempotencyKey, caseId: ctx.meta.caseId, personId: person.id, source: adapters.healthCodes.source, ...findings })
      .orIgnore()
      .execute();
    const row = await db.getRepository(DocumentCheckEntity).findOneByOrFail({ idempotencyKey: ctx.idempotencyKey });
    return {
      checkId: row.id,
      source: row.source,
      healthCode: row.healthCode,
      itineraryRisk: row.itineraryRisk,
      testResult: row.testResult,
      testAgeHours: row.testAgeHours,
    };
  },
});
