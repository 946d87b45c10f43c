/**
 * The defaults a designed form takes from its case (a field's `defaultFrom`, a variable path),
 * read when the task is shown: what the case holds then, not what it held when the task opened.
 * A default is offered only when the value is one the field accepts (the completion check would
 * refuse it otherwise) and when offering it shows no personal data the reader may not see: a
 * variable the process marks x-pii fills only a field that is itself personal data (residentId,
 * phone), whose value the task's data masks in turn, and only for a reader who sees it in clear
 * (the read is audited like any other).
 */
import { valueSchema, type FormDefinition } from '../../language/forms';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import type { DocumentStore } from '../documents/document.store';
import { schemaProblems } from '../http/json-schema';
import type { PiiGate } from '../privacy/pii-gate';
import { caseSchema } from '../privacy/process-pii';
import { classWithin, schemasAtPath } from '../privacy/schema-walk';

/** The case a task's defaults are read from: its variables and the process version that classifies them. */
export interface DefaultSource {
  caseId: string;
  processKey: string;
  version: number;
  variables: Record<string, unknown>;
}

function at(variables: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = variables;
  for (const name of path) value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
  return value;
}

/** Whether the form has a field whose default comes from the case (only then is the case read). */
export function readsCase(form: FormDefinition): boolean {
  return form.fields.some((f) => f.defaultFrom !== undefined);
}

/** The form's defaults by field key, from the case's variables as `gate`'s reader may see them. */
export async function formDefaults(form: FormDefinition, source: DefaultSource, processes: DocumentStore<ProcessDefinition>, gate: PiiGate): Promise<Record<string, unknown>> {
  const classes = caseSchema((await processes.version(source.processKey, source.version)).content);
  const offered: Record<string, unknown> = {};
  let personal = false;
  for (const field of form.fields) {
    if (!field.defaultFrom) continue;
    const path = field.defaultFrom.split('.');
    const value = at(source.variables, path);
    if (value === undefined || value === null) continue;
    const schema = valueSchema(field);
    if (schemaProblems(schema, value, 'default').length > 0) continue;
    if (classWithin(schemasAtPath(classes, path))) {
      if (!gate.clear || typeof schema['x-pii'] !== 'string') continue;
      personal = true;
    }
    offered[field.key] = value;
  }
  // A personal value offered in clear is a read of personal data: audited as one.
  return personal ? gate.pass(source.caseId, 'form defaults', offered, (v) => ({ value: v, found: true })) : offered;
}
