import { EntitySchema } from 'typeorm';
import type { LocalizedText } from '../../language';
import type { LadderPlanStep } from '../../workflows/activities';
import type { TaskFormPin } from '../forms/task-form';

/** 'completing': claimed by one completion, which is being delivered to the case. */
export type TaskStatus = 'open' | 'completing' | 'completed' | 'cancelled';

/** A human task a case waits on; its id is `<case>:<node>:<visit>`, stable across activity retries. */
export interface TaskRow {
  id: string;
  caseId: string;
  nodeId: string;
  title: LocalizedText;
  form: object | null;
  /** The designed form it opened with (its key and version): its page renders it, its completion is checked against it. */
  formRef: TaskFormPin | null;
  role: string | null;
  groupName: string | null;
  status: TaskStatus;
  /** The org unit of its case when it opened: who may see and complete it. */
  orgUnit: string;
  data: object | null;
  completedBy: string | null;
  createdAt: Date;
  completedAt: Date | null;
  /** Who holds it (claimed it or was assigned it); null while it waits in its pool. */
  assignee: string | null;
  claimedAt: Date | null;
  /** Its deadline, from the task node's `deadline` when it opened. */
  dueAt: Date | null;
  /** 0 (normal) to 9. */
  priority: number;
  /** Moves on at every claim, unclaim and reassignment: a form opened at an older one is stale. */
  revision: number;
  /** The process of its case (a linked case's own, not the process of the case that started it). */
  processKey: string;
  /** Its deadline ladder as resolved when it opened (each step's ISO time and actions), if it has one. */
  ladder: LadderPlanStep[] | null;
  /** How many of the ladder's steps have been taken. */
  ladderStepsTaken: number;
  /** Set by a ladder step: the task is past what the policy allows. */
  overdue: boolean;
}

export const TaskEntity = new EntitySchema<TaskRow>({
  name: 'Task',
  tableName: 'tasks',
  columns: {
    id: { type: 'text', primary: true },
    caseId: { type: 'text', name: 'case_id' },
    nodeId: { type: 'text', name: 'node_id' },
    title: { type: 'jsonb' },
    form: { type: 'jsonb', nullable: true },
    formRef: { type: 'jsonb', name: 'form_ref', nullable: true },
    role: { type: 'text', nullable: true },
    groupName: { type: 'text', name: 'group_name', nullable: true },
    status: { type: 'text' },
    orgUnit: { type: 'text', name: 'org_unit' },
    data: { type: 'jsonb', nullable: true },
    completedBy: { type: 'text', name: 'completed_by', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    completedAt: { type: 'timestamptz', name: 'completed_at', nullable: true },
    assignee: { type: 'text', nullable: true },
    claimedAt: { type: 'timestamptz', name: 'claimed_at', nullable: true },
    dueAt: { type: 'timestamptz', name: 'due_at', nullable: true },
    priority: { type: 'integer', default: 0 },
    revision: { type: 'integer', default: 0 },
    processKey: { type: 'text', name: 'process_key', update: false },
    ladder: { type: 'jsonb', nullable: true },
    ladderStepsTaken: { type: 'integer', name: 'ladder_steps_taken', default: 0 },
    overdue: { type: 'boolean', default: false },
  },
});
