/**
 * The explanation of a decision: for each rule whether it passed, and for each leaf
 * condition the fact value json-rules-engine saw. Read from its rule results, whose
 * condition trees carry `factResult`, `valueResult` and `result` after a run.
 */
import type { RuleResult } from 'json-rules-engine';

export interface ConditionTrace {
  /** Where the leaf sits in the rule's conditions, e.g. `all/1/any/0` (named conditions appear expanded). */
  at: string;
  fact: string;
  path?: string;
  operator: string;
  /** The value compared against (a referenced fact's value once resolved). */
  value: unknown;
  factValue: unknown;
  /** null: not evaluated, because the result was already decided. */
  result: boolean | null;
}

export interface RuleTrace {
  name: string;
  priority: number;
  event: string;
  /** false: the engine stopped before this rule (hit policy first or priority). */
  evaluated: boolean;
  passed: boolean;
  conditions: ConditionTrace[];
}

/** The shape json-rules-engine leaves on each condition of a rule result. */
interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  condition?: string;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

export function conditionTrace(result: RuleResult): ConditionTrace[] {
  const leaves: ConditionTrace[] = [];
  // RuleResult's declared condition types omit the result fields the engine sets on them.
  collect(result.conditions as unknown as ResultNode, '', leaves);
  return leaves;
}

function collect(node: ResultNode, at: string, out: ConditionTrace[]): void {
  const child = (key: string) => (at ? `${at}/${key}` : key);
  if (node.all) node.all.forEach((c, i) => collect(c, child(`all/${i}`), out));
  else if (node.any) node.any.forEach((c, i) => collect(c, child(`any/${i}`), out));
  else if (node.not) collect(node.not, child('not'), out);
  // A named condition the engine never expanded (short-circuited) has no leaves to show.
  else if (node.fact !== undefined && node.operator !== undefined) {
    const evaluated = node.result !== undefined;
    out.push({
      at,
      fact: node.fact,
      ...(node.path ? { path: node.path } : {}),
      operator: node.operator,
      value: evaluated ? node.valueResult : node.value,
      factValue: node.factResult,
      result: evaluated ? node.result === true : null,
    });
  }
}
