import { z } from 'zod';
import { caseId, limit, taskParam } from '../http/params';
import { route } from '../http/route';
import type { TaskService } from './task.service';

export function taskRoutes(tasks: TaskService) {
  return [
    route({
      method: 'get', path: '/api/tasks', tag: 'tasks', summary: 'Human tasks, oldest first',
      query: z.object({ status: z.enum(['open', 'completed', 'cancelled']).optional(), instanceId: caseId.optional(), role: z.string().max(100).optional(), limit }).strict(),
      handle: ({ query }) => tasks.list(query),
    }),
    route({
      method: 'get', path: '/api/tasks/:id', tag: 'tasks', summary: 'One task', params: taskParam,
      handle: ({ params }) => tasks.get(params.id),
    }),
    route({
      method: 'post', path: '/api/tasks/:id/complete', tag: 'tasks', summary: 'Complete a task with the data its form asks for',
      params: taskParam, body: z.object({ data: z.record(z.string(), z.unknown()).default({}) }).strict(),
      handle: ({ params, body, actor }) => tasks.complete(params.id, body.data, actor),
    }),
  ];
}
