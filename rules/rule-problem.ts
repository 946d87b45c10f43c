/** A problem found in a rule set, located by a slash-separated path such as `rules/0/conditions/all/1/operator`. */

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
  | 'table_shape';

export interface RuleProblem {
  path: string;
  code: RuleProblemCode;
  message: string;
}

/** JSON-pointer escaping (`~` → `~0`, `/` → `~1`), without the leading slash, as the API's other paths. */
export function pointer(parts: readonly PropertyKey[]): string {
  return parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}
