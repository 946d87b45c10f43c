/**
 * Rule sets: drafts and immutable versions (the same store as processes),
 * evaluation with a trace, and the impact preview over recorded decisions.
 */
import { MoreThanOrEqual } from 'typeorm';
import { compileRuleSet, evaluateRuleSet, getCompiled, InvalidRuleSetError, MissingFactsError, type CompiledRuleSet } from '../../rules/engine';
import { pointer, type RuleProblem } from '../../rules/rule-problem';
import type { RuleSet } from '../../rules/ruleset-schema';
import { validateRuleSet } from '../../rules/ruleset-validate';
import { simulate } from '../../rules/simulate';
import { DecisionEntity } from '../decisions/decision.entity';
import { UserError, ValidationError } from '../errors';
import type { Services } from '../services';

/** Half of a UTF-16 surrogate pair without its other half (code units: no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text jsonb refuses with an error: U+0000, and a lone surrogate (JSON.parse accepts `"\\ud800"`). */
function unstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * Values the validator lets through but PostgreSQL's jsonb cannot keep as sent: text it
 * refuses (a 500 at insert otherwise), and a number out of JSON's range, which JSON.parse
 * reads as Infinity and storage writes back as null, silently changing a rule.
 */
function unstorable(input: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  // Iterative: the document may be invalid and nested past what recursion survives.
  const stack: { value: unknown; at: PropertyKey[] }[] = [{ value: input, at: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, at } = item;
    if (typeof value === 'string' && unstorableText(value)) {
      problems.push({ path: pointer(at), code: 'invalid_schema', message: 'contains U+0000 or an unpaired surrogate, which cannot be stored' });
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      problems.push({ path: pointer(at), code: 'invalid_schema', message: 'is a number out of range' });
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const child = [...at, Array.isArray(value) ? Number(k) : k];
        if (unstorableText(k)) problems.push({ path: pointer(child), code: 'invalid_schema', message: 'has a key with U+0000 or an unpaired surrogate, which cannot be stored' });
        stack.push({ value: v, at: child });
      }
    }
  }
  return problems;
}

export interface Candidate {
  version?: number;
  draft?: boolean;
}

export class RulesetService {
  constructor(private readonly services: Services) {}

  private get store() {
    return this.services.rulesets;
  }

  private check(key: string | undefined, definition: unknown): RuleSet {
    const problems = validateRuleSet(definition);
    // The validator may already have refused the same value (e.g. Infinity in event params): one problem per path.
    const reported = new Set(problems.map((p) => p.path));
    problems.push(...unstorable(definition).filter((p) => !reported.has(p.path)));
    if (problems.length) throw new ValidationError('invalid_ruleset', `the rule set has ${problems.length} problem(s)`, problems);
    const def = definition as RuleSet;
    if (key !== undefined && def.key !== key) {
      throw new ValidationError('invalid_ruleset', 'the rule set key must match the URL', [{ path: 'key', code: 'key_mismatch', message: `'${def.key}' differs from '${key}'` }]);
    }
    return def;
  }

  list() {
    return this.store.list();
  }

  async create(definition: unknown, actor: string) {
    const def = this.check(undefined, definition);
    const row = await this.store.create(def.key, def.name, def, actor);
    return { key: row.key, name: row.name };
  }

  async saveDraft(key: string, definition: unknown, actor: string) {
    await this.store.get(key);
    const def = this.check(key, definition);
    const row = await this.store.saveDraft(key, def, def.name, actor);
    return { key: row.key, updatedAt: row.draftUpdatedAt };
  }

  async publish(key: string, comment: string, actor: string) {
    return this.store.publishDraft(key, comment, actor, (draft) => this.check(key, draft));
  }

  async get(key: string) {
    const doc = await this.store.get(key);
    const latest = doc.latestVersion ? await this.store.version(key) : undefined;
    return {
      key: doc.key,
      name: doc.name,
      latestVersion: doc.latestVersion,
      published: latest ? { version: latest.version, definition: latest.content, hash: latest.hash } : null,
      draft: doc.draft ? { definition: doc.draft, author: doc.draftAuthor, updatedAt: doc.draftUpdatedAt } : null,
      versions: await this.store.versions(key),
    };
  }

  version(key: string, version: number) {
    return this.store.version(key, version);
  }

  /**
   * The draft (compiled fresh) or a published version (compiled once and cached). Both were
   * validated when saved, but under the validator of that day: one that a stricter
   * validator now refuses answers 422 with its problems, like a save would.
   */
  private async candidate(key: string, c: Candidate): Promise<{ compiled: CompiledRuleSet; label: string }> {
    let label = 'draft';
    try {
      if (c.draft) {
        const doc = await this.store.get(key);
        if (!doc.draft) throw new UserError(404, 'not_found', `rule set '${key}' has no draft`);
        return { compiled: compileRuleSet(doc.draft as RuleSet), label };
      }
      const v = await this.store.version(key, c.version);
      label = `v${v.version}`;
      return { compiled: getCompiled(key, v.version, v.content, v.hash), label };
    } catch (err) {
      if (err instanceof InvalidRuleSetError) {
        throw new ValidationError('invalid_ruleset', `rule set '${key}' (${label}) no longer passes validation; save a corrected draft`, err.problems);
      }
      throw err;
    }
  }

  async evaluate(key: string, facts: Record<string, unknown>, c: Candidate) {
    const { compiled, label } = await this.candidate(key, c);
    try {
      const r = await evaluateRuleSet(compiled, facts);
      return { evaluated: label, events: r.events, outcome: r.outcome, trace: r.trace };
    } catch (err) {
      if (err instanceof MissingFactsError) {
        throw new ValidationError('missing_facts', err.message, err.facts.map((f) => ({ path: `facts/${f}`, code: 'missing_fact', message: `fact '${f}' is required` })));
      }
      throw err;
    }
  }

  /** Re-evaluates the facts of recent recorded decisions under the candidate. */
  async simulate(key: string, c: Candidate, window: { days: number; limit: number }) {
    await this.store.get(key);
    const { compiled, label } = await this.candidate(key, c);
    const since = new Date(Date.now() - window.days * 86_400_000);
    const rows = await this.services.db.getRepository(DecisionEntity).find({
      // Not the trace: it is the largest column, and up to 20,000 rows are read.
      select: { id: true, instanceId: true, nodeId: true, facts: true, events: true, outcome: true },
      where: { rulesetKey: key, decidedAt: MoreThanOrEqual(since) },
      order: { id: 'DESC' },
      take: window.limit,
    });
    const records = rows.map((r) => {
      const events = r.events as { type: string; params?: Record<string, unknown> }[];
      return { id: `${r.instanceId}/${r.nodeId}`, facts: r.facts as Record<string, unknown>, outcome: r.outcome, params: events[0]?.params ?? {} };
    });
    return { candidate: label, window, ...(await simulate(records, compiled)) };
  }
}
