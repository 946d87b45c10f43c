/**
 * The checks of activity inputs against each activity's declared input schema: what makes a
 * published step fail every case that reaches it. A required input left empty, a literal the
 * activity refuses, and an expression reading a name that no case will hold (plain text typed
 * into an expression field reads as a variable name) are problems, so publishing is refused.
 * Only when the caller gives the input schemas (the API and the editor do; the workflow's own
 * re-check does not, so running cases never see a new problem).
 */
import { pathOf, type Problem } from '../../language/problem';
import { expressionAst } from '../expression';
import { canReach, type Graph } from './graph';
import { describeType, literalFits, literalOf, type JsonSchema } from './input-types';
import type { NodeOf, ProcessDefinition, ProcessNode } from './schema';

/** Written by the engine when a step fails and its error edge is taken. */
const ENGINE_VARIABLES = ['lastError'];

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
}

/**
 * The case variables an expression reads: the first name of each path that starts at the case
 * variables. Names after the first step, in filters and in function bodies are relative to other
 * values, so they are not collected.
 */
export function variablesRead(source: string): string[] {
  let ast: unknown;
  try {
    ast = expressionAst(source);
  } catch {
    return [];
  }
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    const node = v as AstNode & Record<string, unknown>;
    if (node.type === 'lambda') return;
    if (node.type === 'path' && Array.isArray(node.steps)) {
      const first = node.steps[0];
      if (first?.type === 'name') names.add(String(first.value));
      else visit(first);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'stages' && key !== 'predicate' && key !== 'group') visit(child);
  };
  visit(ast);
  return [...names];
}

/** The variables a node writes when it completes. */
function written(n: ProcessNode): string[] {
  switch (n.type) {
    case 'assign':
      return Object.keys(n.assign);
    case 'decision':
      return [n.output ?? 'decision'];
    case 'task':
      return [...(n.output ? [n.output] : []), ...Object.keys(n.formRef?.mapping ?? {})];
    case 'activity':
    case 'event':
    case 'subprocess':
      return n.output ? [n.output] : [];
    default:
      return [];
  }
}

/** The variable names an activity node may read: declared ones, the engine's and those written upstream; `undefined` when the process declares no variables (its input is then open). */
function knownVariables(def: ProcessDefinition, g: Graph, id: string): Set<string> | undefined {
  if (!def.variables) return undefined;
  const declared = def.variables.properties;
  const known = new Set([...Object.keys(declared && typeof declared === 'object' ? declared : {}), ...ENGINE_VARIABLES]);
  // Upstream: every node from which one of its predecessors is reachable (itself only on a loop).
  for (const up of canReach(g, (g.in.get(id) ?? []).map((e) => e.from))) for (const name of written(g.nodes.get(up)!)) known.add(name);
  return known;
}

/** The input problems of one activity node whose activity declares `schema`. */
export function activityInputProblems(
  def: ProcessDefinition,
  g: Graph,
  n: NodeOf<'activity'>,
  path: string,
  schema: JsonSchema,
): Problem[] {
  const problems: Problem[] = [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const input = n.input ?? {};
  const at = (field: string) => ({ path: pathOf([...path.split('/'), 'input', field]), nodeId: n.id });
  for (const field of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (input[field] === undefined || input[field].trim() === '') {
      problems.push({ ...at(field), code: 'missing_input', message: `the required input '${field}' of step '${n.id}' is empty`, params: { field } });
    }
  }
  let known: Set<string> | undefined | null = null;
  for (const field of Object.keys(input).sort()) {
    const prop = props[field];
    const literal = literalOf(input[field]);
    if (literal) {
      if (prop && !literalFits(literal.value, prop)) {
        const expected = describeType(prop);
        problems.push({ ...at(field), code: 'input_type', message: `the input '${field}' of step '${n.id}' expects ${expected}, not ${JSON.stringify(literal.value)}`, params: { field, expected } });
      }
      continue;
    }
    if (known === null) known = knownVariables(def, g, n.id);
    if (!known) continue;
    for (const name of variablesRead(input[field])) {
      if (known.has(name)) continue;
      problems.push({
        ...at(field),
        code: 'unknown_variable',
        message: `the input '${field}' of step '${n.id}' reads '${name}', which is neither a process variable nor the output of an earlier step (text needs quotes, or the literal field)`,
        params: { field, name },
      });
    }
  }
  return problems;
}
