import { EntitySchema } from 'typeorm';
import type { LocalizedText } from '../../language';

/** A quarantine hotel or site. `occupied <= capacity` is a table constraint, the last guard against over-booking. */
export interface QuarantineSiteRow {
  id: string;
  name: LocalizedText;
  district: string;
  capacity: number;
  occupied: number;
  active: boolean;
}

export const QuarantineSiteEntity = new EntitySchema<QuarantineSiteRow>({
  name: 'QuarantineSite',
  tableName: 'quarantine_sites',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'jsonb' },
    district: { type: 'text' },
    capacity: { type: 'integer' },
    occupied: { type: 'integer' },
    active: { type: 'boolean' },
  },
});
