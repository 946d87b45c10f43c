/**
 * The checks a schema cannot express: declared facts, registered operators, plain
 * paths, nesting depth (also through named conditions), reference cycles, the
 * event-param allowlist and the table's shape. They run on whatever parts of a rule
 * set parsed, so one request reports every problem at once.
 */
import {
  checkCondition,
  isFactCondition,
  isPlainPath,
  looksLikeFactReference,
  MAX_CONDITION_DEPTH,
  valueReference,
  walkCondition,
  type Condition,
  type ConditionProblem,
  pathOf,
  type PathPart,
} from '../language';
import type { RuleProblem, RuleProblemCode } from './rule-problem';
import type { EventParams, FactDeclaration, TableColumn, TableRow } from './ruleset-schema';

/** The parts of a rule set that passed the schema, each with where it sits. */
export interface RuleSetParts {
  /** Undefined when the facts did not parse: fact checks are then skipped rather than guessed. */
  facts?: Record<string, FactDeclaration>;
  /** Undefined when the allowlist did not parse. */
  paramFacts?: string[];
  /** Every named condition present, parsed or not, so a reference to a malformed one is not "unknown". */
  conditionNames: Set<string>;
  conditions: { name: string; condition: Condition }[];
  rules: { index: number; conditions: Condition; params?: EventParams }[];
  table?: { columnCount: number; columns: { index: number; column: TableColumn }[]; rows: { index: number; row: TableRow }[] };
}

interface Tree {
  at: PathPart[];
  condition: Condition;
  /** References with their nesting level, for the depth check through named conditions. */
  refs: { name: string; at: PathPart[]; level: number }[];
}

export function checkRuleSetParts(parts: RuleSetParts): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const report = (at: readonly PathPart[], code: RuleProblemCode, message: string) =>
    problems.push({ path: pathOf(at), code, message });
  const declared = parts.facts && new Set(Object.keys(parts.facts));
  const allowed = parts.paramFacts && new Set(parts.paramFacts);

  const checkFact = (fact: string, at: PathPart[]) => {
    if (declared && !declared.has(fact)) report(at, 'unknown_fact', `fact '${fact}' is not declared in facts`);
  };
  const checkValue = (value: unknown, at: PathPart[]) => {
    const ref = valueReference(value);
    if (!ref) return;
    checkFact(ref.fact, [...at, 'fact']);
    if (typeof ref.path === 'string' && !isPlainPath(ref.path)) report([...at, 'path'], 'bad_path', `path '${ref.path}' is not a plain dotted path`);
  };
  const checkParams = (params: EventParams | undefined, at: PathPart[]) => {
    for (const [key, v] of Object.entries(params ?? {})) {
      if (!looksLikeFactReference(v) || typeof v.fact !== 'string') continue;
      checkValue(v, [...at, key]);
      if (declared?.has(v.fact) && allowed && !allowed.has(v.fact)) {
        report([...at, key, 'fact'], 'param_fact_not_allowed', `event params may not reference fact '${v.fact}' (not in paramFacts)`);
      }
    }
  };

  parts.paramFacts?.forEach((f, i) => checkFact(f, ['paramFacts', i]));

  const trees: Tree[] = [
    ...parts.conditions.map((c) => ({ at: ['conditions', c.name], condition: c.condition, refs: [] })),
    ...parts.rules.map((r) => ({ at: ['rules', r.index, 'conditions'], condition: r.conditions, refs: [] })),
  ];
  for (const tree of trees) {
    for (const p of staticProblems(tree.condition, tree.at)) report(p.path, p.code, p.message);
    walkCondition(
      tree.condition,
      ({ node, at, level }) => {
        if (isFactCondition(node)) {
          checkFact(node.fact, [...at, 'fact']);
          checkValue(node.value, [...at, 'value']);
        } else if ('condition' in node) {
          if (parts.conditionNames.has(node.condition)) tree.refs.push({ name: node.condition, at, level });
          else report([...at, 'condition'], 'unknown_condition', `no named condition '${node.condition}'`);
        }
      },
      tree.at,
    );
  }
  problems.push(...checkReferences(trees, parts.conditions.map((c) => c.name)));
  problems.push(...checkExpandedSize(trees));

  parts.rules.forEach((r) => checkParams(r.params, ['rules', r.index, 'event', 'params']));

  if (parts.table) {
    const { columnCount, columns, rows } = parts.table;
    for (const { index, column } of columns) {
      const at = ['table', 'columns', index];
      checkFact(column.fact, [...at, 'fact']);
      for (const p of staticProblems({ fact: column.fact, operator: column.operator, value: null, path: column.path }, at)) {
        report(p.path, p.code, p.message);
      }
    }
    for (const { index, row } of rows) {
      const at = ['table', 'rows', index];
      if (row.cells.length !== columnCount) {
        report([...at, 'cells'], 'table_shape', `row has ${row.cells.length} cells but the table has ${columnCount} columns`);
      }
      row.cells.forEach((cell, i) => checkValue(cell, [...at, 'cells', i]));
      checkParams(row.params, [...at, 'params']);
    }
  }
  return problems;
}

type StaticProblem = ConditionProblem & { code: Exclude<ConditionProblem['code'], 'condition_reference'> };

/** Operators, paths and own depth, as the gateway conditions are checked; references are resolved by the caller. */
function staticProblems(condition: Condition, at: PathPart[]): StaticProblem[] {
  return checkCondition(condition, { allowReferences: true }, at).filter((p): p is StaticProblem => p.code !== 'condition_reference');
}

/**
 * Cycles through named conditions, and nesting depth with every reference expanded
 * (json-rules-engine inlines a named condition where it is referenced, so both are
 * unbounded recursion at evaluation if not caught here).
 */
function checkReferences(trees: Tree[], names: string[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const named = new Map(trees.filter((t) => t.at[0] === 'conditions').map((t) => [t.at[1] as string, t]));

  const inCycle = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, stack: string[]) => {
    state.set(name, 'open');
    for (const ref of named.get(name)?.refs ?? []) {
      if (state.get(ref.name) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(ref.name)), ref.name];
        cycle.forEach((n) => inCycle.add(n));
        problems.push({ path: pathOf(['conditions', ref.name]), code: 'condition_cycle', message: `named conditions refer to each other in a cycle: ${cycle.join(' → ')}` });
      } else if (!state.has(ref.name)) {
        visit(ref.name, [...stack, ref.name]);
      }
    }
    state.set(name, 'done');
  };
  for (const name of names) if (!state.has(name)) visit(name, [name]);

  // Own height of a tree, then with references expanded (cycle members count only their own nodes).
  const ownHeight = (t: Tree) => {
    let h = 0;
    walkCondition(t.condition, ({ level }) => (h = Math.max(h, level)));
    return h;
  };
  const heights = new Map<string, number>();
  const expandedHeight = (name: string): number => {
    const known = heights.get(name);
    if (known !== undefined) return known;
    const tree = named.get(name);
    if (!tree) return 0;
    heights.set(name, ownHeight(tree)); // provisional, guards the recursion
    let h = ownHeight(tree);
    for (const ref of tree.refs) if (!inCycle.has(ref.name)) h = Math.max(h, ref.level - 1 + expandedHeight(ref.name));
    heights.set(name, h);
    return h;
  };
  for (const tree of trees) {
    for (const ref of tree.refs) {
      if (inCycle.has(ref.name) || ref.level > MAX_CONDITION_DEPTH) continue;
      const target = expandedHeight(ref.name);
      if (target <= MAX_CONDITION_DEPTH && ref.level - 1 + target > MAX_CONDITION_DEPTH) {
        problems.push({
          path: pathOf(ref.at),
          code: 'depth_exceeded',
          message: `with condition '${ref.name}' expanded here, conditions nest deeper than ${MAX_CONDITION_DEPTH} levels`,
        });
      }
    }
  }
  return problems;
}

/** Conditions the rules may hold with every named condition expanded where it is referenced, as evaluation expands them. */
export const MAX_EXPANDED_CONDITIONS = 20_000;

/**
 * Named conditions referring to others several times multiply: ten levels of ten references are
 * ten billion conditions from a few kilobytes. The count is capped as it goes, so it stays a number.
 */
function checkExpandedSize(trees: Tree[]): RuleProblem[] {
  const cap = MAX_EXPANDED_CONDITIONS + 1;
  const named = new Map(trees.filter((t) => t.at[0] === 'conditions').map((t) => [t.at[1] as string, t]));
  const sizes = new Map<string, number>();
  const visiting = new Set<string>();
  const sizeOf = (t: Tree): number => {
    let n = 0;
    walkCondition(t.condition, () => n++);
    for (const ref of t.refs) n = Math.min(cap, n + expanded(ref.name));
    return n;
  };
  const expanded = (name: string): number => {
    const tree = named.get(name);
    // A cycle is reported on its own; its members count once here.
    if (!tree || visiting.has(name)) return 1;
    let n = sizes.get(name);
    if (n === undefined) {
      visiting.add(name);
      n = sizeOf(tree);
      visiting.delete(name);
      sizes.set(name, n);
    }
    return n;
  };
  let total = 0;
  for (const tree of trees) {
    if (tree.at[0] === 'conditions') continue;
    total = Math.min(cap, total + sizeOf(tree));
    if (total > MAX_EXPANDED_CONDITIONS) {
      return [{ path: pathOf(tree.at), code: 'too_large', message: `with named conditions expanded, the rules hold more than ${MAX_EXPANDED_CONDITIONS} conditions` }];
    }
  }
  return [];
}
