/** The codes of the problems a rule set can have; the problem itself is language/'s one shape. */
import type { Problem } from '../language';

export type RuleProblemCode =
  | 'invalid_schema'
  | 'unknown_operator'
  | 'unknown_fact'
  | 'depth_exceeded'
  | 'condition_cycle'
  | 'unknown_condition'
  | 'param_fact_not_allowed'
  | 'too_large'
  | 'bad_path'
  | 'table_shape'
  /** A literal param that does not fit its declared type, or a derivation from a param that is not a number. */
  | 'param_type'
  /** A derived param (a duration from a number of days or hours) that says another length than its source. */
  | 'derived_param'
  /** Rows that match the same facts where the hit policy (unique, any) makes that fail the evaluation. */
  | 'table_overlap';

/** A problem found in a rule set, located by a path such as `rules/0/conditions/all/1/operator`. */
export interface RuleProblem extends Problem {
  code: RuleProblemCode;
}
