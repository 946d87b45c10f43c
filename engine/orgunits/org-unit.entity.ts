import { EntitySchema } from 'typeorm';
import type { LocalizedText } from '../../language';

/** A unit of the city's offices; `path` is the dotted chain of ids from the root (`huaian.qingjiangpu`). */
export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  name: LocalizedText;
  path: string;
  createdAt: Date;
}

/** The org_units table (migration 0007). */
export const OrgUnitEntity = new EntitySchema<OrgUnitRow>({
  name: 'OrgUnit',
  tableName: 'org_units',
  columns: {
    id: { type: 'text', primary: true },
    parentId: { type: 'text', name: 'parent_id', nullable: true },
    name: { type: 'jsonb' },
    path: { type: 'text', unique: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
