/**
 * What only rule sets do (their drafts and versions are the document service's): evaluation
 * with a trace, and the impact preview over recorded decisions.
 */
import { compileRuleSet, evaluateRuleSet, getCompiled, HitPolicyError, InvalidRuleSetError, MissingFactsError, RuleEvaluationError, type CompiledRuleSet } from '../../rules/engine';
import type { RuleSet } from '../../rules/ruleset-schema';
import { Simulation } from '../../rules/simulate';
import { NotFoundError, ValidationError } from '../errors';
import type { ImpactEffects } from '../domain-module';
import type { Services } from '../services';
import { recordedDecisions } from './decision-stream';
import { runningImpact } from './running-impact';

export interface Candidate {
  version?: number;
  draft?: boolean;
}

export class RulesetService {
  /** `effects`: what the domain reads into the running cases a candidate changes (quarantine places). */
  constructor(
    private readonly services: Services,
    private readonly effects?: ImpactEffects,
  ) {}

  private get store() {
    return this.services.rulesets;
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
        if (!doc.draft) throw new NotFoundError('draft of rule set', key);
        return { compiled: compileRuleSet(doc.draft as RuleSet), label };
      }
      // Unnamed, the version deciding now, as a case's decision would.
      const v = c.version === undefined ? await this.store.inEffect(key, new Date()) : await this.store.version(key, c.version);
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
      if (err instanceof RuleEvaluationError) throw new ValidationError(err.code, err.message, []);
      if (err instanceof HitPolicyError) {
        throw new ValidationError(err.code, err.message, err.indexes.map((i) => ({ path: `table/rows/${i}`, code: 'row_matches', message: `matches these facts (hit policy ${err.hitPolicy})` })));
      }
      throw err;
    }
  }

  /**
   * Re-evaluates the facts of recorded decisions of the window (newest first, streamed in batches)
   * under the candidate, and (unless asked not to) what it would change for running cases by org
   * unit. Stops when `signal` aborts (the client went away).
   */
  async simulate(key: string, c: Candidate, window: { days: number; limit: number; running?: boolean }, signal?: AbortSignal) {
    await this.store.get(key);
    const { compiled, label } = await this.candidate(key, c);
    const to = new Date();
    const since = new Date(to.getTime() - window.days * 86_400_000);
    const simulation = new Simulation(compiled);
    for await (const batch of recordedDecisions(this.services.db, { rulesetKey: key, since, limit: window.limit }, signal)) await simulation.add(batch);
    const result = { candidate: label, window: { days: window.days, limit: window.limit, from: since.toISOString(), to: to.toISOString() }, ...simulation.result() };
    if (window.running === false) return result;
    const current = await this.candidate(key, {}).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });
    if (!current) return { ...result, running: null };
    const { impact, changedCases } = await runningImpact(this.services.db, key, current.compiled, compiled);
    const effects = this.effects && changedCases.length ? await this.effects(this.services.db, changedCases) : [];
    return { ...result, running: { current: current.label, ...impact, effects } };
  }
}
