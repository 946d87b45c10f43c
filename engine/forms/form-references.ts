/**
 * What a process's task forms refer to, checked when the process is saved and published: each
 * `formRef` names a published form (and version, when pinned), and each field its mapping reads
 * is a field of that version (of the latest, when not pinned). Problems name the path.
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
    for (const [variable, field] of Object.entries(mapping ?? {})) {
      if (!fields.has(field)) problems.push({ path: at('mapping', variable), nodeId: node.id, code: 'unknown_form_field', message: `form '${key}' has no field '${field}'` });
    }
  }
  return problems;
}
