import { EntitySchema } from 'typeorm';

/** A case as the API started it. Its live state is in Temporal; this row links it to its process and audit trail. */
export interface InstanceRow {
  id: string;
  processKey: string;
  version: number;
  businessKey: string | null;
  startedBy: string;
  startedAt: Date;
}

export const InstanceEntity = new EntitySchema<InstanceRow>({
  name: 'Instance',
  tableName: 'instances',
  columns: {
    id: { type: 'text', primary: true },
    processKey: { type: 'text', name: 'process_key' },
    version: { type: 'integer' },
    businessKey: { type: 'text', name: 'business_key', nullable: true },
    startedBy: { type: 'text', name: 'started_by' },
    startedAt: { type: 'timestamptz', name: 'started_at', createDate: true },
  },
});
