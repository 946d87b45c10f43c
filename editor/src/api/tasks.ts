/** Human tasks: the inbox (tabs, counts, filters, pages), one task, claim/unclaim/complete, comments and history. */
import type { Page } from '../hooks/usePagedList';
import type { LadderAction } from '../../../workflows/definition/ladder-schema';
import type { OnDutyPerson } from './duty';
import type { FormDefinition } from '../../../language/forms';
import { request, requestWithHeaders, seg } from './client';

export const INBOX_TABS = ['mine', 'groups', 'unassigned'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export interface Task {
  id: string;
  caseId: string;
  nodeId: string;
  title: { zh: string; en: string };
  form: Record<string, unknown> | null;
  /** The designed form the task opened with (its key and version), and its definition, which the page renders. */
  formRef?: { key: string; version: number } | null;
  formDefinition?: FormDefinition | null;
  /** An open task's defaults from its case (fields' defaultFrom), by field key, as the reader may see them. */
  formDefaults?: Record<string, unknown>;
  role: string | null;
  groupName: string | null;
  status: 'open' | 'completing' | 'completed' | 'cancelled';
  orgUnit: string;
  data: Record<string, unknown> | null;
  completedBy: string | null;
  createdAt: string;
  completedAt: string | null;
  assignee: string | null;
  claimedAt: string | null;
  dueAt: string | null;
  priority: number;
  revision: number;
  processKey: string;
}

export interface InboxFilter {
  processKey?: string;
  node?: string;
  orgUnit?: string;
  /** Due before this instant (ISO). */
  dueBefore?: string;
  overdue?: boolean;
  minPriority?: number;
}

export interface TaskComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface TaskEvent {
  action: string;
  actor: string;
  at: string;
  detail: Record<string, unknown>;
}

function filterQuery(f: InboxFilter): URLSearchParams {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(f)) if (value !== undefined && value !== '') q.set(name, String(value));
  return q;
}

/** One page of a tab, soonest due first. */
export async function listInbox(tab: InboxTab, filter: InboxFilter, limit: number, cursor?: string): Promise<Page<Task>> {
  const q = filterQuery(filter);
  q.set('tab', tab);
  q.set('sort', 'due');
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  const { body, headers } = await requestWithHeaders<Task[]>('GET', `/tasks?${q}`);
  return { items: body, nextCursor: headers.get('x-next-cursor') };
}

export const inboxCounts = (filter: InboxFilter) => request<Record<InboxTab, number>>('GET', `/tasks/counts?${filterQuery(filter)}`);
export const getTask = (id: string) => request<Task>('GET', `/tasks/${seg(id)}`);
export const claimTask = (id: string) => request<Task>('POST', `/tasks/${seg(id)}/claim`);
export const unclaimTask = (id: string) => request<Task>('POST', `/tasks/${seg(id)}/unclaim`);
/** Gives the task to an official or a work group (for supervisors); they are notified. */
export const assignTask = (id: string, to: { user: string } | { group: string }) => request<Task>('POST', `/tasks/${seg(id)}/assign`, to);
/** Completes with the form's data, refused (409) if the task moved on since `revision`. */
export const completeTask = (id: string, data: Record<string, unknown>, revision: number) => request<Task>('POST', `/tasks/${seg(id)}/complete`, { data, expectedRevision: revision });
export const taskComments = (id: string) => request<TaskComment[]>('GET', `/tasks/${seg(id)}/comments`);
export const addTaskComment = (id: string, text: string) => request<TaskComment>('POST', `/tasks/${seg(id)}/comments`, { text });
export const taskHistory = (id: string) => request<TaskEvent[]>('GET', `/tasks/${seg(id)}/history`);

export const BOARD_BUCKETS = ['overdue', 'nextHour', 'today'] as const;
export type BoardBucket = (typeof BOARD_BUCKETS)[number];

export interface BoardTask {
  id: string;
  caseId: string;
  title: { zh: string; en: string };
  dueAt: string;
  assignee: string | null;
  groupName: string | null;
  priority: number;
  /** Set by a step of its deadline ladder. */
  overdue: boolean;
  /** The next step of its ladder, when one is left. */
  nextStep: { at: string; actions: { do: LadderAction['do'] }[] } | null;
  bucket: BoardBucket;
}

export interface DeadlineBoard {
  at: string;
  endOfDay: string;
  totals: Record<BoardBucket, number>;
  units: {
    orgUnit: string;
    counts: Record<BoardBucket, number>;
    tasks: BoardTask[];
    /** Who is on duty in the unit now (its duty roster), leaders first: whom its escalations reach. */
    onDuty: OnDutyPerson[];
  }[];
}

/** The deadline board of the caller's subtree: open tasks due today, by org unit. */
export const deadlineBoard = (processKey?: string) => request<DeadlineBoard>('GET', `/deadlines${processKey ? `?processKey=${seg(processKey)}` : ''}`);
