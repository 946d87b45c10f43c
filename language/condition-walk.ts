/**
 * A depth-first walk over a condition tree, the one traversal the validator and the
 * compiler share (facts read, references made, nesting level of each node).
 */
import { looksLikeFactReference, type Condition, type FactCondition } from './condition';

export type PathPart = string | number;

export interface ConditionVisit {
  node: Condition;
  at: PathPart[];
  /** The root is level 1; a child sits one level below its parent. */
  level: number;
}

export function walkCondition(node: Condition, visit: (v: ConditionVisit) => void, at: PathPart[] = [], level = 1): void {
  visit({ node, at, level });
  if ('all' in node) node.all.forEach((c, i) => walkCondition(c, visit, [...at, 'all', i], level + 1));
  else if ('any' in node) node.any.forEach((c, i) => walkCondition(c, visit, [...at, 'any', i], level + 1));
  else if ('not' in node) walkCondition(node.not, visit, [...at, 'not'], level + 1);
}

export function isFactCondition(node: Condition): node is FactCondition {
  return 'fact' in node;
}

/** Facts a condition reads: each leaf's fact and any fact its value refers to. Named conditions are not followed. */
export function factsRead(root: Condition): string[] {
  const facts: string[] = [];
  walkCondition(root, ({ node }) => {
    if (!isFactCondition(node)) return;
    facts.push(node.fact);
    const ref = valueReference(node.value);
    if (ref) facts.push(ref.fact);
  });
  return facts;
}

/** Names of the named conditions a condition refers to directly. */
export function conditionsReferenced(root: Condition): string[] {
  const names: string[] = [];
  walkCondition(root, ({ node }) => {
    if ('condition' in node) names.push(node.condition);
  });
  return names;
}

/** json-rules-engine compares to another fact when a value is an object with a `fact` key. */
export function valueReference(value: unknown): { fact: string; path?: unknown } | undefined {
  if (!looksLikeFactReference(value) || typeof value.fact !== 'string') return undefined;
  return value as { fact: string; path?: unknown };
}
