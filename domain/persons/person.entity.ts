import { EntitySchema } from 'typeorm';

/**
 * A person known to the office. Personal data lives here and only here: cases,
 * workflow ids and logs refer to the person by the opaque `id`.
 */
export interface PersonRow {
  id: string;
  /** e.g. resident-id, passport. */
  idType: string;
  idNumber: string;
  name: string | null;
  phone: string | null;
  createdAt: Date;
}

export const PersonEntity = new EntitySchema<PersonRow>({
  name: 'Person',
  tableName: 'persons',
  columns: {
    id: { type: 'uuid', primary: true },
    idType: { type: 'text', name: 'id_type' },
    idNumber: { type: 'text', name: 'id_number' },
    name: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
