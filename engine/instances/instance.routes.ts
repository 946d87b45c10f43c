import { z } from 'zod';
import { identifier, resourceKey } from '../../workflows/definition/schema';
import { caseEventParams, caseParam, limit, versionNumber } from '../http/params';
import { route } from '../http/route';
import { listStatuses, type InstanceService } from './instance.service';

export function instanceRoutes(instances: InstanceService) {
  return [
    route({
      method: 'post', path: '/api/instances', tag: 'cases', status: 201, summary: 'Start a case of a published process version',
      body: z
        .object({
          processKey: resourceKey,
          version: versionNumber.optional(),
          businessKey: z.string().min(1).max(200).optional().describe('Identifies the case (e.g. an ID number); stored only hashed'),
          input: z.record(z.string(), z.unknown()).default({}),
        })
        .strict(),
      handle: ({ body, actor }) => instances.start(body, actor),
    }),
    route({
      method: 'get', path: '/api/instances', tag: 'cases', summary: 'List cases (newest first), filtered by process and status',
      query: z.object({ processKey: resourceKey.optional(), status: z.enum(listStatuses).optional(), limit, cursor: z.string().max(2000).optional() }).strict(),
      handle: ({ query }) => instances.list(query),
    }),
    route({
      method: 'get', path: '/api/instances/:id', tag: 'cases', summary: 'Where a case stands: status, active nodes, variables, visits',
      params: caseParam, handle: ({ params }) => instances.get(params.id),
    }),
    route({
      method: 'post', path: '/api/instances/:id/events/:name', tag: 'cases', status: 202, summary: 'Send a named event to a case',
      params: caseEventParams, body: z.object({ payload: z.unknown().optional() }).strict().default({}),
      handle: ({ params, body }) => instances.sendEvent(params.id, params.name, body.payload ?? null),
    }),
    route({
      method: 'post', path: '/api/instances/:id/cancel', tag: 'cases', status: 202, summary: 'Cancel a case (open tasks are closed)',
      params: caseParam, handle: ({ params }) => instances.cancel(params.id),
    }),
    route({
      method: 'post', path: '/api/instances/:id/migrate', tag: 'cases', summary: 'Move a waiting case to another published version',
      params: caseParam, body: z.object({ toVersion: versionNumber, nodeMapping: z.record(identifier, identifier).optional() }).strict(),
      handle: ({ params, body, actor }) => instances.migrate(params.id, body.toVersion, body.nodeMapping, actor),
    }),
    route({
      method: 'get', path: '/api/instances/:id/decisions', tag: 'cases', summary: 'Every rule decision of a case, with the facts and the trace',
      params: caseParam, handle: ({ params }) => instances.decisions(params.id),
    }),
  ];
}
