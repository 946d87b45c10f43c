import { z } from 'zod';
import { comment, keyParam, keyVersionParams, localizedName, versionNumber } from '../http/params';
import { route } from '../http/route';
import { versionView } from '../documents/document.store';
import type { ProcessService } from './process.service';
import type { Services } from '../services';

export function processRoutes(processes: ProcessService, services: Services) {
  const store = services.processes;
  return [
    route({
      method: 'get', path: '/api/processes', tag: 'processes', summary: 'List processes with their latest version and draft state',
      handle: () => store.list(),
    }),
    route({
      method: 'post', path: '/api/processes', tag: 'processes', status: 201, summary: 'Create a process with a first draft',
      body: z.object({ key: z.string(), name: localizedName, definition: z.unknown() }).strict(),
      handle: ({ body, actor }) => processes.create(body.key, body.name, body.definition, actor),
    }),
    route({
      method: 'get', path: '/api/processes/:key', tag: 'processes', summary: 'A process: its draft and versions',
      params: keyParam, handle: ({ params }) => processes.get(params.key),
    }),
    route({
      method: 'put', path: '/api/processes/:key/draft', tag: 'processes', summary: 'Save the draft (graph problems are returned, not refused)',
      params: keyParam, body: z.object({ definition: z.unknown() }).strict(),
      handle: ({ params, body, actor }) => processes.saveDraft(params.key, body.definition, actor),
    }),
    route({
      method: 'post', path: '/api/processes/:key/publish', tag: 'processes', status: 201, summary: 'Publish the draft as the next immutable version',
      params: keyParam, body: z.object({ comment }).strict(),
      handle: ({ params, body, actor }) => processes.publish(params.key, body.comment, actor),
    }),
    route({
      method: 'get', path: '/api/processes/:key/versions', tag: 'processes', summary: 'Published versions, newest first',
      params: keyParam, handle: ({ params }) => store.versions(params.key),
    }),
    route({
      method: 'get', path: '/api/processes/:key/versions/:version', tag: 'processes', summary: 'One published version with its definition',
      params: keyVersionParams,
      handle: async ({ params }) => versionView(await store.version(params.key, params.version)),
    }),
    route({
      method: 'get', path: '/api/processes/:key/diff', tag: 'processes', summary: 'Structured diff between two versions (to may be "draft")',
      params: keyParam, query: z.object({ from: versionNumber, to: z.union([z.literal('draft'), versionNumber]) }).strict(),
      handle: ({ params, query }) => processes.diff(params.key, query.from, query.to),
    }),
  ];
}
