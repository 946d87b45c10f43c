import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { personInput, registerPerson, registrationOutput } from './register';

/** Registers a person in any other process (a pharmacy buyer, an absent pupil, a key-group member, a flagged person). */
export const registerPersonActivity = defineEpidemicActivity({
  name: 'registerPerson',
  title: { zh: '登记人员', en: 'Register a person' },
  description: {
    zh: '登记药店购药人、缺勤学生、重点人群或核查对象的身份及事由，返回不含个人信息的编号',
    en: 'Registers a person and why they are in the process (pharmacy sale, absence, key group, verification); answers opaque ids',
  },
  category: 'screening',
  input: z.object({
    person: personInput,
    context: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a lower-case word such as pharmacy-sale')
      .describe('Why the person is registered, e.g. pharmacy-sale, school-absence'),
    details: z.record(z.string(), z.unknown()).default({}).describe('What else to keep with the registration'),
  }),
  output: registrationOutput,
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    return registerPerson(ctx.db, ctx.idempotencyKey, ctx.meta.caseId, input.person, input.context, input.details);
  },
});
