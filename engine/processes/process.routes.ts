import { z } from 'zod';
import { localizedText } from '../../language';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import type { DefinitionDiff } from '../../workflows/definition/diff';
import { documentRoutes } from '../documents/document.routes';
import type { DocumentService } from '../documents/document.service';

/** The definition under the name the create request gives the process apart from it. */
function named(definition: unknown, name: z.infer<typeof localizedText>): unknown {
  return typeof definition === 'object' && definition !== null && !Array.isArray(definition) ? { ...definition, name } : definition;
}

/** The process routes: a create names the key and name beside the definition; a draft save wraps it. */
export function processRoutes(processes: DocumentService<ProcessDefinition, DefinitionDiff>) {
  return documentRoutes(processes, {
    base: '/api/processes',
    tag: 'processes',
    permissions: { read: 'process.read', write: 'process.write', publish: 'process.publish' },
    create: {
      summary: 'Create a process with a first draft',
      body: z.object({ key: z.string(), name: localizedText, definition: z.unknown() }).strict(),
      read: (body) => ({ content: named(body.definition, body.name), key: body.key }),
    },
    draft: {
      summary: 'Save the draft (graph problems are returned, not refused)',
      body: z.object({ definition: z.unknown() }).strict(),
      read: (body) => body.definition,
    },
  });
}
