import { EntitySchema } from 'typeorm';
import type { LocalizedText } from '../../workflows/definition/schema';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A human task a case waits on; its id is `<case>:<node>:<visit>`, stable across activity retries. */
export interface TaskRow {
  id: string;
  instanceId: string;
  nodeId: string;
  title: LocalizedText;
  form: object | null;
  role: string | null;
  groupName: string | null;
  status: TaskStatus;
  data: object | null;
  completedBy: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export const TaskEntity = new EntitySchema<TaskRow>({
  name: 'Task',
  tableName: 'tasks',
  columns: {
    id: { type: 'text', primary: true },
    instanceId: { type: 'text', name: 'instance_id' },
    nodeId: { type: 'text', name: 'node_id' },
    title: { type: 'jsonb' },
    form: { type: 'jsonb', nullable: true },
    role: { type: 'text', nullable: true },
    groupName: { type: 'text', name: 'group_name', nullable: true },
    status: { type: 'text' },
    data: { type: 'jsonb', nullable: true },
    completedBy: { type: 'text', name: 'completed_by', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    completedAt: { type: 'timestamptz', name: 'completed_at', nullable: true },
  },
});
