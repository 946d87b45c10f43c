import { z } from 'zod';
import type { FormDefinition } from '../../language/forms';
import { documentRoutes } from '../documents/document.routes';
import type { DocumentService } from '../documents/document.service';
import type { FormDiff } from './form.kind';

/** The form routes: the body of a create or a draft save is the form definition itself, as for rule sets. */
export function formRoutes(forms: DocumentService<FormDefinition, FormDiff>) {
  return documentRoutes(forms, {
    base: '/api/forms',
    tag: 'forms',
    permissions: { read: 'form.read', write: 'form.write', publish: 'form.publish' },
    create: { summary: 'Create a task form (the body is its definition) as a draft', body: z.unknown(), read: (body) => ({ content: body }) },
    draft: { summary: 'Save the draft (the body is the definition; its problems are answered, not refused)', body: z.unknown(), read: (body) => body },
  });
}
