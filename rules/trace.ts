/**
 * The explanation of a decision: for each rule whether it passed, and for each leaf
 * condition the fact value seen. The compiled evaluator writes it from its run's log
 * (compiled/explain.ts); the reference reads it here from json-rules-engine's rule
 * results, whose condition trees carry `factResult`, `valueResult` and `result` after a run.
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

/**
 * The shape json-rules-engine leaves on each condition of a rule result. Boolean nodes
 * carry their kind in `operator` ('all' | 'any' | 'not'), which the walk switches on.
 * The trace is built on the decision path, so it avoids what measured slow here: object
 * spread for optional keys (ten times the cost of the rest of the walk) and probing
 * `all`/`any`/`not` on every leaf.
 */
interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
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
  const op = node.operator;
  const prefix = at === '' ? '' : `${at}/`;
  if (op === 'all' || op === 'any') {
    const children = node[op] ?? [];
    for (let i = 0; i < children.length; i++) collect(children[i], `${prefix}${op}/${i}`, out);
  } else if (op === 'not') {
    if (node.not) collect(node.not, `${prefix}not`, out);
  } else if (op !== undefined && node.fact !== undefined) {
    // A named condition the engine never expanded (short-circuited) has no operator and no leaves to show.
    const evaluated = node.result !== undefined;
    out.push(
      leafTrace(
        { at, fact: node.fact, operator: op, path: node.path },
        evaluated ? node.valueResult : node.value,
        node.factResult,
        evaluated ? node.result === true : null,
      ),
    );
  }
}

/** One leaf's entry: where it sits and what it compares, the value compared against, the fact value seen and the result. */
export function leafTrace(
  leaf: { at: string; fact: string; operator: string; path?: string },
  value: unknown,
  factValue: unknown,
  result: boolean | null,
): ConditionTrace {
  const entry: ConditionTrace = { at: leaf.at, fact: leaf.fact, operator: leaf.operator, value, factValue, result };
  if (leaf.path) entry.path = leaf.path;
  return entry;
}
