/**
 * Static warnings about one JSONata expression, read from its syntax tree: the shapes
 * that can run away at run time. They are warnings, not errors: the budgets stop
 * such an expression when it runs (expression-budget.ts), and a bounded recursion or a
 * range over a variable is often meant.
 */
import { expressionAst } from './expression';
import type { ExpressionLimits } from './limits';

/** A shape in an expression that may run away; the validator adds where it is. */
export interface ExpressionWarning {
  code: 'recursive_function' | 'unbounded_range' | 'large_range';
  message: string;
}

interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  lhs?: AstNode;
  rhs?: AstNode;
  arguments?: AstNode[];
  body?: AstNode;
}

/** Every syntax-tree node under `root` (itself included); the tree's helper objects are walked through, each once. */
function nodesUnder(root: unknown): AstNode[] {
  const found: AstNode[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (!Array.isArray(v) && typeof (v as AstNode).type === 'string') found.push(v as AstNode);
    stack.push(...Object.values(v));
  }
  return found;
}

const at = (node: AstNode) => (node.position !== undefined ? ` (at character ${node.position})` : '');

/**
 * Functions that call themselves: `$f := function(...) {...}` whose body refers to `$f`,
 * directly, through other bound functions, or through a variable bound to one of them.
 */
function recursiveFunctions(nodes: AstNode[], limits: ExpressionLimits): ExpressionWarning[] {
  const refs = new Map<string, Set<string>>();
  const lambdas = new Set<string>();
  const refer = (from: string, to: Iterable<string>) => {
    const set = refs.get(from) ?? new Set<string>();
    for (const name of to) set.add(name);
    refs.set(from, set);
  };
  for (const bind of nodes) {
    if (bind.type !== 'bind' || bind.lhs?.type !== 'variable' || !bind.rhs) continue;
    const name = String(bind.lhs.value);
    if (bind.rhs.type === 'variable') refer(name, [String(bind.rhs.value)]);
    if (bind.rhs.type !== 'lambda') continue;
    lambdas.add(name);
    const params = new Set((bind.rhs.arguments ?? []).map((a) => String(a.value)));
    const used = nodesUnder(bind.rhs.body).filter((n) => n.type === 'variable' && !params.has(String(n.value)));
    refer(name, used.map((n) => String(n.value)));
  }
  const warnings: ExpressionWarning[] = [];
  for (const name of lambdas) {
    const seen = new Set<string>();
    const stack = [...(refs.get(name) ?? [])];
    while (stack.length > 0 && !seen.has(name)) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(refs.get(next) ?? []));
    }
    if (seen.has(name)) {
      warnings.push({
        code: 'recursive_function',
        message: `the function $${name} calls itself: the case fails if the calls nest deeper than ${limits.depth} or take over ${limits.steps} steps`,
      });
    }
  }
  return warnings;
}

/** Ranges `a..b` whose size is unknown until they run, or over the limit of items. */
function riskyRanges(nodes: AstNode[], limits: ExpressionLimits): ExpressionWarning[] {
  const warnings: ExpressionWarning[] = [];
  for (const range of nodes) {
    if (range.type !== 'binary' || range.value !== '..') continue;
    const { lhs, rhs } = range;
    if (lhs?.type === 'number' && rhs?.type === 'number') {
      const size = Number(rhs.value) - Number(lhs.value) + 1;
      if (size > limits.items) {
        warnings.push({ code: 'large_range', message: `the range ${String(lhs.value)}..${String(rhs.value)}${at(range)} has ${size} items, over the limit of ${limits.items}` });
      }
    } else {
      warnings.push({
        code: 'unbounded_range',
        message: `the range${at(range)} has a bound that is not a literal number: if it comes to over ${limits.items} items, the case fails`,
      });
    }
  }
  return warnings;
}

/** The warnings of one expression; none for one that does not parse (the validator reports that as an error). */
export function expressionWarnings(source: string, limits: ExpressionLimits): ExpressionWarning[] {
  let ast: unknown;
  try {
    ast = expressionAst(source);
  } catch {
    return [];
  }
  const nodes = nodesUnder(ast);
  return [...recursiveFunctions(nodes, limits), ...riskyRanges(nodes, limits)];
}
