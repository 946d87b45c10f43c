/**
 * The inbox: open tasks seen from one official. Three tabs, each a predicate on the tasks
 * table that a partial index of migration 0013 serves:
 *  - mine: held by the caller (claimed by or assigned to them);
 *  - groups: in nobody's hands, for one of the caller's work groups or roles;
 *  - unassigned: in nobody's hands, anywhere in the caller's org units' subtrees.
 * Every tab lies inside the caller's scope (engine/orgunits/scope.ts). Filters narrow any tab or
 * the plain listing. Pages are keyset pages: the cursor names the last task of a page, and the
 * next one starts after its (sort key, id), so a page costs the same however deep it is.
 */
import type { SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { OrgScope } from '../orgunits/scope';
import type { TaskRow, TaskStatus } from './task.entity';

export const INBOX_TABS = ['mine', 'groups', 'unassigned'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export interface TaskFilter {
  status?: TaskStatus;
  caseId?: string;
  role?: string;
  processKey?: string;
  /** The task's node id (its "name" in the process). */
  node?: string;
  orgUnit?: string;
  /** Due before this instant (ISO). */
  dueBefore?: string;
  /** true: only tasks past their deadline; false: only those not past it (or without one). */
  overdue?: boolean;
  minPriority?: number;
}

/** The sort keys: when it opened (oldest first), or when it is due (soonest first, those without a deadline last). */
export const SORT_COLUMNS = { created: 't.created_at', due: 't.due_order' } as const;
export type TaskSort = keyof typeof SORT_COLUMNS;

/** Narrows `query` (alias t) to the tab's tasks as `principal` sees them. */
export function whereTab(query: SelectQueryBuilder<TaskRow>, tab: InboxTab, principal: Principal): void {
  query.andWhere(`t.status = 'open'`);
  if (tab === 'mine') {
    query.andWhere('t.assignee = :me', { me: principal.username });
    return;
  }
  query.andWhere('t.assignee IS NULL');
  if (tab === 'groups') query.andWhere('(t.group_name = ANY(:myGroups) OR t.role = ANY(:myRoles))', { myGroups: principal.groups, myRoles: principal.roles });
}

/** Narrows `query` (alias t) by the filters and the caller's scope. */
export function whereFilter(query: SelectQueryBuilder<TaskRow>, f: TaskFilter, scope: OrgScope): void {
  if (f.status) query.andWhere('t.status = :status', { status: f.status });
  if (f.caseId) query.andWhere('t.case_id = :caseId', { caseId: f.caseId });
  if (f.role) query.andWhere('t.role = :role', { role: f.role });
  if (f.processKey) query.andWhere('t.process_key = :processKey', { processKey: f.processKey });
  if (f.node) query.andWhere('t.node_id = :node', { node: f.node });
  if (f.orgUnit) query.andWhere('t.org_unit = :orgUnit', { orgUnit: f.orgUnit });
  if (f.dueBefore) query.andWhere('t.due_at < :dueBefore', { dueBefore: f.dueBefore });
  if (f.overdue === true) query.andWhere('t.due_at < now()');
  if (f.overdue === false) query.andWhere('t.due_order >= now()');
  if (f.minPriority !== undefined) query.andWhere('t.priority >= :minPriority', { minPriority: f.minPriority });
  const scoped = scope.predicate('t.org_unit');
  if (scoped) query.andWhere(scoped.sql, scoped.params);
}

/** Orders by the sort key then id, starting after the task `after` names (the previous page's last). */
export function pageOrder(query: SelectQueryBuilder<TaskRow>, sort: TaskSort, after: string | undefined): void {
  const key = SORT_COLUMNS[sort];
  if (after) query.andWhere(`(${key}, t.id) > (SELECT ${key.replace('t.', 'a.')}, a.id FROM tasks a WHERE a.id = :after)`, { after });
  query.orderBy(key, 'ASC').addOrderBy('t.id', 'ASC');
}
