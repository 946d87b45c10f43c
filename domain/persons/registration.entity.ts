import { EntitySchema } from 'typeorm';

/** Why a person entered a process: an arrival, a pharmacy sale, a sickness absence... with its details. */
export interface RegistrationRow {
  id: string;
  idempotencyKey: string;
  caseId: string;
  personId: string;
  context: string;
  details: object;
  createdAt: Date;
}

export const RegistrationEntity = new EntitySchema<RegistrationRow>({
  name: 'Registration',
  tableName: 'registrations',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    caseId: { type: 'text', name: 'case_id' },
    personId: { type: 'uuid', name: 'person_id' },
    context: { type: 'text' },
    details: { type: 'jsonb' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
