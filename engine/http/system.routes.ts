import { z } from 'zod';
import { processDefinition } from '../../workflows/definition/schema';
import type { Health } from '../health';
import { ValidationError } from '../errors';
import type { ProcessService } from '../processes/process.service';
import type { Services } from '../services';
import { route } from './route';

export function systemRoutes(services: Services, processes: ProcessService, health: () => Promise<Health>) {
  return [
    route({
      method: 'get', path: '/api/health', tag: 'system', summary: 'Whether Temporal, the database and a worker are up',
      handle: () => health(),
    }),
    route({
      method: 'get', path: '/api/activities', tag: 'system', summary: 'Registered activities with their input and output JSON Schemas',
      handle: async () => services.activities.info(),
    }),
    route({
      method: 'get', path: '/api/schema/process', tag: 'system', summary: 'JSON Schema of a process definition',
      handle: async () => z.toJSONSchema(processDefinition, { unrepresentable: 'any' }),
    }),
    route({
      method: 'post', path: '/api/validate', tag: 'processes', summary: 'Validate a definition; 422 lists every problem',
      body: z.object({ definition: z.unknown() }).strict(),
      handle: async ({ body }) => {
        const problems = processes.validate(body.definition);
        if (problems.length) throw new ValidationError('invalid_definition', `the definition has ${problems.length} problem(s)`, problems);
        return { valid: true, problems: [] };
      },
    }),
  ];
}
