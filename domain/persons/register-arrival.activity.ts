import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { RISK_LEVELS } from '../screening/health-code-system';
import { personInput, registerPerson, registrationOutput } from './register';
import { fieldText } from '../../engine/activities/field-text';

/** The entry points: railway station, bus station, airport, port (两站一场一码头) and highway checkpoints. */
export const ENTRY_POINTS = ['railway-station', 'bus-station', 'airport', 'port', 'highway-checkpoint'] as const;

/** Registers an arriving person at an entry point; the case keeps only the opaque ids it answers. */
export const registerArrivalActivity = defineEpidemicActivity({
  name: 'registerArrival',
  title: { zh: '登记来淮人员', en: 'Register an arrival' },
  description: {
    zh: '在两站一场一码头或交通卡口登记到达人员的身份、来源地和行程，返回不含个人信息的编号',
    en: 'Registers an arriving person at an entry point (identity, origin, arrival); answers opaque ids, no personal data',
  },
  category: 'screening',
  input: z.object({
    person: personInput.meta(fieldText({ zh: '人员', en: 'Person' }, { zh: '登记的人员信息', en: 'The person to register' })),
    entryPoint: z.enum(ENTRY_POINTS).meta(fieldText({ zh: '入境口岸', en: 'Entry point' }, { zh: '人员抵达的口岸', en: 'Where the person arrived' })),
    origin: z.object({ city: z.string().min(1).max(100), risk: z.enum(RISK_LEVELS) }).meta(fieldText({ zh: '来源地', en: 'Origin' }, { zh: '来源城市及其风险等级', en: 'Where the person comes from, with its risk level' })),
    arrivedAt: z.iso.datetime({ offset: true }).optional().meta(fieldText({ zh: '抵达时间', en: 'Arrival time' }, { zh: '不填则为当前时间', en: 'Arrival time; now when absent' })),
    district: z.string().min(1).max(100).optional().meta(fieldText({ zh: '目的地区', en: 'District' }, { zh: '在本市的目的地所在区', en: 'District of destination in the city' })),
  }),
  output: registrationOutput,
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    const details = {
      entryPoint: input.entryPoint,
      origin: input.origin,
      arrivedAt: input.arrivedAt ?? new Date().toISOString(),
      district: input.district ?? null,
    };
    return registerPerson(ctx.db, ctx.idempotencyKey, ctx.meta.caseId, input.person, 'arrival', details);
  },
});
