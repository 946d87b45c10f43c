import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { personInput, registerPerson, registrationOutput } from './register';
import { fieldText } from '../../engine/activities/field-text';

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
    person: personInput.meta(fieldText({ zh: '人员', en: 'Person' }, { zh: '登记的人员信息', en: 'The person to register' })),
    context: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a lower-case word such as pharmacy-sale')
      .meta(fieldText({ zh: '登记场景', en: 'Context' }, { zh: '登记原因的代码，例如 pharmacy-sale、school-absence', en: 'Why the person is registered, e.g. pharmacy-sale, school-absence' })),
    details: z.record(z.string(), z.unknown()).default({}).meta(fieldText({ zh: '详情', en: 'Details' }, { zh: '随登记保存的其他信息', en: 'What else to keep with the registration' })),
  }),
  output: registrationOutput,
  timeout: 'PT30S',
  retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 },
  async handler(input, ctx) {
    return registerPerson(ctx.db, ctx.idempotencyKey, ctx.meta.caseId, input.person, input.context, input.details);
  },
});
