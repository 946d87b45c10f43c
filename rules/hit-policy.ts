/**
 * The single-hit policies of DMN 1.3 that are checked on what matched: `unique` (at most one
 * row may match) and `any` (several rows may match only with equal outputs; one answers).
 * A violation is an error of the evaluation, not an empty answer. Shared by the compiled
 * evaluator and the reference engine.
 */
import { canonicalJson } from './json-value';
import type { HitPolicy } from './ruleset-schema';

export interface FiredEvent {
  type: string;
  params: Record<string, unknown>;
}

/** A row that matched, by position in the table (from 0) and by name. */
export interface Hit {
  index: number;
  name: string;
}

/** The facts matched rows the table's hit policy does not allow together. */
export class HitPolicyError extends Error {
  readonly code = 'hit_policy_violation';
  /** The rows that matched, by id (or `row-N`). */
  readonly rows: string[];
  /** The same rows by position in the table, from 0. */
  readonly indexes: number[];

  constructor(
    readonly hitPolicy: 'unique' | 'any',
    hits: readonly Hit[],
  ) {
    const rows = hits.map((h) => h.name);
    super(
      hitPolicy === 'unique'
        ? `hit policy unique: rows ${rows.join(', ')} all match; at most one row may match`
        : `hit policy any: rows ${rows.join(', ')} match with different outcomes or params`,
    );
    this.name = 'HitPolicyError';
    this.rows = rows;
    this.indexes = hits.map((h) => h.index);
  }
}

/**
 * The events a table answers for the events its matched rows fired (`hits[i]` fired `events[i]`,
 * in evaluation order); throws HitPolicyError on a violation.
 */
export function settleHits(hitPolicy: HitPolicy | undefined, hits: readonly Hit[], events: FiredEvent[]): FiredEvent[] {
  if (hitPolicy === 'unique') {
    if (hits.length > 1) throw new HitPolicyError('unique', hits);
  } else if (hitPolicy === 'any') {
    if (events.some((e) => !sameOutput(e, events[0]))) throw new HitPolicyError('any', hits);
    return events.slice(0, 1);
  }
  return events;
}

/** Same outcome and the same params (key order aside). */
export function sameOutput(a: FiredEvent, b: FiredEvent): boolean {
  return a.type === b.type && canonicalJson(a.params) === canonicalJson(b.params);
}
