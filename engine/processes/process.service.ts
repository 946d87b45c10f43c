/**
 * Drafts, validation and publishing of process definitions. A published version
 * is always valid: publish re-validates against the activities registered now.
 */
import { diffDefinitions, type DefinitionDiff } from '../../workflows/definition/diff';
import type { LocalizedText, ProcessDefinition } from '../../workflows/definition/schema';
import { validateDefinition, type DefinitionProblem } from '../../workflows/definition/validate';
import { UserError, ValidationError } from '../errors';
import { schemaError } from '../http/json-schema';
import type { Services } from '../services';

/** Problems that mean the JSON is not a definition at all; a draft with only graph problems can still be saved. */
const STRUCTURAL = new Set(['invalid_schema', 'too_large']);

export class ProcessService {
  constructor(private readonly services: Services) {}

  /** The shared validator, plus what only the server can check: that the JSON Schemas in it compile. */
  validate(definition: unknown): DefinitionProblem[] {
    const problems = validateDefinition(definition, { activities: this.services.activities.names() });
    if (problems.some((p) => STRUCTURAL.has(p.code))) return problems;
    const def = definition as ProcessDefinition;
    const variablesError = def.variables ? schemaError(def.variables) : undefined;
    if (variablesError) problems.push({ path: 'variables', code: 'bad_schema', message: `the variables schema does not compile: ${variablesError}` });
    def.nodes.forEach((n, i) => {
      const formError = n.type === 'task' && n.form ? schemaError(n.form) : undefined;
      if (formError) problems.push({ path: `nodes/${i}/form`, nodeId: n.id, code: 'bad_schema', message: `the task form does not compile: ${formError}` });
    });
    return problems;
  }

  private checkDraft(key: string, definition: unknown): { definition: ProcessDefinition; problems: DefinitionProblem[] } {
    const problems = this.validate(definition);
    if (problems.some((p) => STRUCTURAL.has(p.code))) {
      throw new ValidationError('invalid_definition', 'the definition does not match the process schema', problems);
    }
    const def = definition as ProcessDefinition;
    if (def.key !== key) {
      throw new ValidationError('invalid_definition', 'the definition key must match the process key', [
        { path: 'definition/key', code: 'key_mismatch', message: `definition key '${def.key}' differs from '${key}'` },
      ]);
    }
    return { definition: def, problems };
  }

  async create(key: string, name: LocalizedText, definition: unknown, actor: string) {
    const checked = this.checkDraft(key, definition);
    const draft = { ...checked.definition, name };
    const row = await this.services.processes.create(key, name, draft, actor);
    return { key: row.key, name: row.name, problems: checked.problems };
  }

  async saveDraft(key: string, definition: unknown, actor: string) {
    await this.services.processes.get(key);
    const checked = this.checkDraft(key, definition);
    const row = await this.services.processes.saveDraft(key, checked.definition, checked.definition.name, actor);
    return { key: row.key, updatedAt: row.draftUpdatedAt, problems: checked.problems };
  }

  async publish(key: string, comment: string, actor: string) {
    return this.services.processes.publishDraft(key, comment, actor, (draft) => {
      const problems = this.validate(draft);
      if (problems.length) throw new ValidationError('invalid_definition', `the draft of '${key}' has ${problems.length} problem(s)`, problems);
      return draft as ProcessDefinition;
    });
  }

  async get(key: string) {
    const doc = await this.services.processes.get(key);
    return {
      key: doc.key,
      name: doc.name,
      latestVersion: doc.latestVersion,
      draft: doc.draft ? { definition: doc.draft, author: doc.draftAuthor, updatedAt: doc.draftUpdatedAt } : null,
      versions: await this.services.processes.versions(key),
    };
  }

  /** Diff between two versions; `to` may be "draft". */
  async diff(key: string, from: number, to: number | 'draft'): Promise<DefinitionDiff> {
    const before = (await this.services.processes.version(key, from)).content;
    let after: ProcessDefinition;
    if (to === 'draft') {
      const doc = await this.services.processes.get(key);
      if (!doc.draft) throw new UserError(404, 'not_found', `process '${key}' has no draft`);
      after = doc.draft as ProcessDefinition;
    } else {
      after = (await this.services.processes.version(key, to)).content;
    }
    return diffDefinitions(before, after);
  }
}
