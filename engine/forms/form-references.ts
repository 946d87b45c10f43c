/**
 * What a process's task forms refer to, checked when the process is saved and published: each
 * `formRef` names a published form (and version, when pinned), and each field its mapping reads
 * is a field of that version (of the latest, when not pinned). A field holding personal data (a
 * resident ID number, a phone number) may reach the case only as a variable the process marks
 * `x-pii`: the case's variables are masked by the process's marks (engine/privacy), which cannot
 * see the form, so an unmarked one would show the number in clear to everyone. Problems name the path.
 */
import { fieldKeys, type FormDefinition } from '../../language/forms';
import { pathOf, type Problem } from '../../language';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { NotFoundError } from '../errors';
import type { DocumentStore } from '../documents/document.store';

export async function formReferenceProblems(def: ProcessDefinition, forms: DocumentStore<FormDefinition>): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [i, node] of def.nodes.entries()) {
    if (node.type !== 'task' || !node.formRef) continue;
    const { key, version, mapping } = node.formRef;
    const at = (...rest: PropertyKey[]) => pathOf(['nodes', i, 'formRef', ...rest]);
    let form: FormDefinition;
    try {
      form = (await forms.version(key, version)).content;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      const what = version === undefined ? `no published form '${key}'` : `no version ${version} of form '${key}'`;
      problems.push({ path: at(version === undefined ? 'key' : 'version'), nodeId: node.id, code: 'unknown_form', message: `there is ${what}` });
      continue;
    }
    const fields = fieldKeys(form);
    const personal = new Set(form.fields.filter((f) => PERSONAL_TYPES.has(f.type)).map((f) => f.key));
    for (const [variable, field] of Object.entries(mapping ?? {})) {
      if (!fields.has(field)) problems.push({ path: at('mapping', variable), nodeId: node.id, code: 'unknown_form_field', message: `form '${key}' has no field '${field}'` });
      else if (personal.has(field) && !marked(def.variables, [variable])) problems.push(unmarked(at('mapping', variable), node.id, field, `variables.properties.${variable}`));
    }
    for (const field of node.output ? personal : []) {
      if (!marked(def.variables, [node.output!, field])) problems.push(unmarked(pathOf(['nodes', i, 'output']), node.id, field, `variables.properties.${node.output}.properties.${field}`));
    }
  }
  return problems;
}

/** Field types whose values are personal data (their completion schema marks them x-pii). */
const PERSONAL_TYPES: ReadonlySet<string> = new Set(['residentId', 'phone']);

/** Whether the variables schema marks the property at `path` (variable, then nested properties) as personal data. */
function marked(schema: unknown, path: string[]): boolean {
  let at = schema as Record<string, unknown> | undefined;
  for (const name of path) at = (at?.properties as Record<string, Record<string, unknown>> | undefined)?.[name];
  return typeof at?.['x-pii'] === 'string';
}

function unmarked(path: string, nodeId: string, field: string, where: string): Problem {
  return { path, nodeId, code: 'unmarked_pii', message: `form field '${field}' holds personal data: mark ${where} with x-pii, or the case shows it in clear` };
}
