import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { traceCodeFor } from './trace-code';
import { fieldText } from '../../engine/activities/field-text';

/** Gives an imported cold-chain batch its trace code on release: unique, and the same code however often it is asked. */
export const assignTraceCodeActivity = defineEpidemicActivity({
  name: 'assignTraceCode',
  title: { zh: '赋冷链追溯码', en: 'Assign a cold-chain trace code' },
  description: {
    zh: '进口冷链食品批次放行时赋予唯一追溯码；同一批次重复调用返回同一追溯码',
    en: 'Gives a released imported cold-chain batch its unique trace code; the same batch always gets the same code',
  },
  category: 'coldchain',
  input: z.object({
    batchId: z.string().min(1).max(64).meta(fieldText({ zh: '批次号', en: 'Batch number' }, { zh: '报关单号或入库单号', en: 'Customs declaration or warehouse entry number' })),
    details: z.record(z.string(), z.unknown()).default({}).meta(fieldText({ zh: '详情', en: 'Details' }, { zh: '随追溯码打印的品名、原产国、进口商等', en: 'Product, origin, importer... printed with the code' })),
  }),
  output: z.object({ code: z.string(), batchId: z.string(), issuedAt: z.string() }),
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const row = await traceCodeFor(ctx.db, input.batchId, ctx.meta.caseId, input.details);
    return { code: row.code, batchId: row.batchId, issuedAt: row.issuedAt.toISOString() };
  },
});
