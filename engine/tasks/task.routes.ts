import { z } from 'zod';
import { identifier, resourceKey } from '../../language';
import { instant, limit, caseId, taskParam } from '../http/params';
import { USERNAME } from '../auth/users';
import { route } from '../http/route';
import { COMMENT_MAX } from './task-comments';
import { INBOX_TABS, SORT_COLUMNS, type TaskSort } from './task-inbox';
import type { TaskService } from './task.service';

const username = z.string().trim().toLowerCase().pipe(z.string().regex(USERNAME, 'is not a username'));

/** The filters the listing and the counts share. */
const filters = {
  status: z.enum(['open', 'completing', 'completed', 'cancelled']).optional(),
  caseId: caseId.optional().describe('Tasks of this case (a linked case or a subprocess is a case of its own)'),
  instanceId: caseId.optional().describe('Deprecated: the former name of caseId'),
  role: z.string().max(100).optional(),
  processKey: resourceKey.optional().describe('Tasks of this process'),
  node: identifier.optional().describe("The task's node id in its process"),
  orgUnit: z.string().min(1).max(64).optional().describe('Tasks of this org unit only'),
  dueBefore: instant.optional().describe('Due before this instant'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: past their deadline; false: not past it'),
  minPriority: z.coerce.number().int().min(0).max(9).optional().describe('Priority at least this (0-9)'),
};

export function taskRoutes(tasks: TaskService) {
  return [
    route({
      method: 'get', path: '/api/tasks', tag: 'tasks', permission: 'task.read',
      summary: "Human tasks: one inbox tab (mine, my groups', unassigned in my org units: open tasks only) or all, filtered, oldest or soonest due first; the next page's cursor is in the X-Next-Cursor header",
      query: z
        .object({
          ...filters,
          tab: z.enum(INBOX_TABS).optional(),
          sort: z.enum(Object.keys(SORT_COLUMNS) as [TaskSort, ...TaskSort[]]).default('created'),
          limit,
          cursor: z.string().max(2000).optional(),
        })
        .strict(),
      handle: ({ query: { instanceId, ...query }, principal }) => tasks.list({ ...query, caseId: query.caseId ?? instanceId }, principal),
    }),
    route({
      method: 'get', path: '/api/tasks/counts', tag: 'tasks', permission: 'task.read', summary: 'How many open tasks each inbox tab holds, under the same filters',
      query: z.object(filters).strict(),
      handle: ({ query: { instanceId, ...query }, principal }) => tasks.counts({ ...query, caseId: query.caseId ?? instanceId }, principal),
    }),
    route({
      method: 'get', path: '/api/deadlines', tag: 'tasks', permission: 'deadline.read',
      summary: "The deadline board: open tasks of the caller's subtree due today, by org unit, overdue / within the next hour / later today, with counts",
      query: z.object({ processKey: filters.processKey, orgUnit: filters.orgUnit }).strict(),
      handle: ({ query, principal }) => tasks.deadlines(query, principal),
    }),
    route({
      method: 'get', path: '/api/tasks/:id', tag: 'tasks', permission: 'task.read', summary: 'One task', params: taskParam,
      handle: ({ params, principal }) => tasks.get(params.id, principal),
    }),
    route({
      method: 'post', path: '/api/tasks/:id/claim', tag: 'tasks', permission: 'task.act', summary: 'Take a task: 409 when someone else holds it', params: taskParam,
      handle: ({ params, principal }) => tasks.claim(params.id, principal),
    }),
    route({
      method: 'post', path: '/api/tasks/:id/unclaim', tag: 'tasks', permission: 'task.act', summary: 'Give a held task back to its pool (its holder, or a supervisor)', params: taskParam,
      handle: ({ params, principal }) => tasks.unclaim(params.id, principal),
    }),
    route({
      method: 'post', path: '/api/tasks/:id/assign', tag: 'tasks', permission: 'task.assign', summary: 'Assign a task to an official or a work group (they are notified), optionally with a priority',
      params: taskParam,
      body: z
        .object({ user: username.optional(), group: resourceKey.optional(), priority: z.number().int().min(0).max(9).optional() })
        .strict()
        .refine((b) => (b.user === undefined) !== (b.group === undefined), { message: 'give exactly one of user and group', path: ['user'] }),
      handle: ({ params, body: { priority, ...to }, principal }) => tasks.assign(params.id, to.user !== undefined ? { user: to.user } : { group: to.group! }, principal, priority),
    }),
    route({
      method: 'post', path: '/api/tasks/:id/complete', tag: 'tasks', permission: 'task.act', summary: 'Complete a task with the data its form asks for; a form opened at an older revision is refused (409)',
      params: taskParam,
      body: z
        .object({
          data: z.record(z.string(), z.unknown()).default({}),
          // The column is a PostgreSQL integer: a larger number is no revision a task can have, and the query would fail on it.
          expectedRevision: z.number().int().min(0).max(2_147_483_647).optional().describe("The task's revision when the form was opened"),
        })
        .strict(),
      handle: ({ params, body, principal }) => tasks.complete(params.id, body.data, principal, body.expectedRevision),
    }),
    route({
      method: 'get', path: '/api/tasks/:id/comments', tag: 'tasks', permission: 'task.read', summary: "A task's comments, oldest first", params: taskParam,
      handle: ({ params, principal }) => tasks.comments(params.id, principal),
    }),
    route({
      method: 'post', path: '/api/tasks/:id/comments', tag: 'tasks', permission: 'task.act', status: 201, summary: 'Comment on a task', params: taskParam,
      body: z.object({ text: z.string().trim().min(1).max(COMMENT_MAX) }).strict(),
      handle: ({ params, body, principal }) => tasks.comment(params.id, body.text, principal),
    }),
    route({
      method: 'get', path: '/api/tasks/:id/history', tag: 'tasks', permission: 'task.read', summary: 'What happened to a task: claimed, released, assigned, commented, completed', params: taskParam,
      handle: ({ params, principal }) => tasks.history(params.id, principal),
    }),
  ];
}
