import { z } from 'zod';
import { processDefinition } from '../../workflows/definition/schema';
import type { Health } from '../health';
import { ValidationError } from '../errors';
import type { Services } from '../services';
import { Reply } from './reply';
import { route } from './route';

export function systemRoutes(services: Services, health: () => Promise<Health>) {
  return [
    route({
      method: 'get', path: '/api/health', tag: 'system', public: true, summary: 'Whether Temporal, the database and a worker are up (503 naming the part that is not)',
      handle: async () => {
        const h = await health();
        return h.status === 'ok' ? h : new Reply(h, 503, { 'retry-after': '5' });
      },
    }),
    route({
      method: 'get', path: '/api/activities', tag: 'system', permission: 'activity.read', summary: 'Registered activities with their input and output JSON Schemas',
      handle: async () => services.activities.info(),
    }),
    route({
      method: 'get', path: '/api/schema/process', tag: 'system', permission: 'process.read', summary: 'JSON Schema of a process definition',
      handle: async () => z.toJSONSchema(processDefinition, { unrepresentable: 'any' }),
    }),
    route({
      method: 'post', path: '/api/validate', tag: 'processes', permission: 'process.write', summary: 'Validate a definition; 422 lists every problem, a valid one comes with its warnings',
      body: z.object({ definition: z.unknown() }).strict(),
      handle: async ({ body }) => {
        const { problems, warnings } = await services.documents.processes.inspect(body.definition);
        if (problems.length) throw new ValidationError('invalid_definition', `the definition has ${problems.length} problem(s)`, problems);
        return { valid: true, problems: [], warnings };
      },
    }),
  ];
}
