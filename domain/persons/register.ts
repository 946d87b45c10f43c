/**
 * Registering a person in a case: the person row is shared across cases (one per
 * ID), the registration is one per case step (one per idempotency key). Callers
 * get opaque ids back, which are all that cases, logs and workflow ids may hold.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { RegistrationEntity } from './registration.entity';

export const personInput = z.object({
  idType: z.string().min(1).max(40).default('resident-id').describe('Kind of ID: resident-id, passport...'),
  idNumber: z.string().min(4).max(40).describe('ID number'),
  name: z.string().min(1).max(100).optional().describe('Full name'),
  phone: z.string().min(3).max(30).optional().describe('Phone number for notices'),
});
export type PersonInput = z.infer<typeof personInput>;

export const registrationOutput = z.object({ personId: z.uuid(), registrationId: z.uuid() });
export type Registration = z.infer<typeof registrationOutput>;

export async function registerPerson(
  db: DataSource,
  idempotencyKey: string,
  caseId: string,
  person: PersonInput,
  context: string,
  details: Record<string, unknown>,
): Promise<Registration> {
  return db.transaction(async (m) => {
    // Newer contact details win; a blank one never erases what is known.
    const [{ id: personId }]: { id: string }[] = await m.query(
      `INSERT INTO persons (id, id_type, id_number, name, phone) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id_type, id_number) DO UPDATE
         SET name = COALESCE(EXCLUDED.name, persons.name), phone = COALESCE(EXCLUDED.phone, persons.phone)
       RETURNING id`,
      [randomUUID(), person.idType, person.idNumber, person.name ?? null, person.phone ?? null],
    );
    await m
      .createQueryBuilder()
      .insert()
      .into(RegistrationEntity)
      .values({ id: randomUUID(), idempotencyKey, caseId, personId, context, details })
      .orIgnore()
      .execute();
    const reg = await m.getRepository(RegistrationEntity).findOneByOrFail({ idempotencyKey });
    return { personId: reg.personId, registrationId: reg.id };
  });
}
