/**
 * Processes as a kind of document: the shared validator (the one the worker and the editor run)
 * plus what only the server can check, that the JSON Schemas in a definition compile. A draft
 * may hold graph problems; a published version holds none, against the activities registered now.
 */
import { diffDefinitions, type DefinitionDiff } from '../../workflows/definition/diff';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { processTestProblems } from '../../workflows/definition/process-tests';
import { validateDefinition } from '../../workflows/definition/validate';
import { definitionWarnings } from '../../workflows/definition/warnings';
import type { CaseLimits } from '../../workflows/limits';
import type { DocumentKind } from '../documents/document-kind';
import type { Problem } from '../../language';
import { schemaError } from '../http/json-schema';
import { piiMarkProblems } from '../privacy/pii-marks';
import type { DocumentStore } from '../documents/document.store';
import type { FormDefinition } from '../../language/forms';
import { formReferenceProblems } from '../forms/form-references';

/** Problems that mean the JSON is not a definition at all; a draft with only graph problems can still be saved. */
const STRUCTURAL = new Set(['invalid_schema', 'too_large']);

/** The JSON Schemas in a definition (its variables, its task forms, its events' payloads) that ajv cannot compile, or whose x-pii marks name no class. */
function schemaProblems(def: ProcessDefinition): Problem[] {
  const problems: Problem[] = [];
  const variablesError = def.variables ? schemaError(def.variables) : undefined;
  if (variablesError) problems.push({ path: 'variables', code: 'bad_schema', message: `the variables schema does not compile: ${variablesError}` });
  def.nodes.forEach((n, i) => {
    const formError = n.type === 'task' && n.form ? schemaError(n.form) : undefined;
    if (formError) problems.push({ path: `nodes/${i}/form`, nodeId: n.id, code: 'bad_schema', message: `the task form does not compile: ${formError}` });
    const payloadError = n.type === 'event' && n.payload ? schemaError(n.payload) : undefined;
    if (payloadError) problems.push({ path: `nodes/${i}/payload`, nodeId: n.id, code: 'bad_schema', message: `the event's payload schema does not compile: ${payloadError}` });
  });
  return [...problems, ...piiMarkProblems(def)];
}

/** The process kind, checked against the activities registered when it is asked and the forms published then, and warned against the engine's case limits. */
export function processKind(activities: { names(): string[]; inputSchemas(): Record<string, Record<string, unknown>> }, limits: CaseLimits, forms: DocumentStore<FormDefinition>): DocumentKind<ProcessDefinition, DefinitionDiff> {
  return {
    id: 'process',
    label: 'process',
    invalidCode: 'invalid_definition',
    keyPath: 'definition/key',
    draftMayHoldProblems: true,
    schedulable: false,
    check(content) {
      const problems: Problem[] = validateDefinition(content, { activities: activities.names(), activityInputs: activities.inputSchemas() });
      const structural = problems.some((p) => STRUCTURAL.has(p.code));
      return { problems: structural ? problems : [...problems, ...schemaProblems(content as ProcessDefinition), ...processTestProblems(content as ProcessDefinition)], structural };
    },
    references: (def) => formReferenceProblems(def, forms),
    keyOf: (def) => def.key,
    nameOf: (def) => def.name,
    warnings: (def) => definitionWarnings(def, limits),
    diff: diffDefinitions,
  };
}
