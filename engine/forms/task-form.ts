/**
 * A designed form as a task uses it: the version a task opens with (pinned, or the latest
 * published then; workflows/definition/schema.ts says why) and the JSON Schema its completion is
 * checked against, derived from that version.
 */
import { fieldKeys, formJsonSchema, type FormDefinition } from '../../language/forms';
import type { TaskFormRef } from '../../workflows/definition/schema';
import type { DocumentStore } from '../documents/document.store';
import { ValidationError } from '../errors';

/** The form version a task keeps all its life (tasks.form_ref). */
export interface TaskFormPin {
  key: string;
  version: number;
}

/**
 * The version a task opening now uses and its completion schema. A version lacking a field the
 * mapping reads is refused (a ValidationError naming it), as is a form or version that is not
 * published (a NotFoundError).
 */
export async function taskFormOf(forms: DocumentStore<FormDefinition>, ref: TaskFormRef): Promise<{ pin: TaskFormPin; schema: Record<string, unknown> }> {
  const published = await forms.version(ref.key, ref.version);
  const fields = fieldKeys(published.content);
  const missing = Object.entries(ref.mapping ?? {}).filter(([, field]) => !fields.has(field));
  if (missing.length > 0) {
    throw new ValidationError(
      'form_field_missing',
      `form '${ref.key}' version ${published.version} has no field ${missing.map(([v, f]) => `'${f}' (mapped to '${v}')`).join(', ')}: pin the version the process was built for, or publish the form with the field`,
      missing.map(([variable, field]) => ({ path: `formRef/mapping/${variable}`, code: 'unknown_form_field', message: `no field '${field}'` })),
    );
  }
  return { pin: { key: ref.key, version: published.version }, schema: formJsonSchema(published.content) };
}
