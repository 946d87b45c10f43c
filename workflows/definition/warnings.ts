/**
 * Warnings about a valid definition: what may run away when a case runs it (a function
 * that calls itself, a range of unknown size, a loop that never waits). The budgets stop
 * such a case with a clear reason, so these never refuse a save or a publish; they tell
 * the administrator before a case fails.
 */
import type { Problem } from '../../language/problem';
import { expressionWarnings } from '../expression-lint';
import { DEFAULT_CASE_LIMITS, type CaseLimits } from '../limits';
import { nodeExpressions } from './expressions';
import { buildGraph, cycles } from './graph';
import { DURABLE_NODE_TYPES } from './node-kinds';
import type { ProcessDefinition } from './schema';

/** Every warning of a definition that matches the schema, in the problem shape. */
export function definitionWarnings(def: ProcessDefinition, limits: CaseLimits = DEFAULT_CASE_LIMITS): Problem[] {
  const warnings: Problem[] = [];
  const index = new Map(def.nodes.map((n, i) => [n.id, i]));
  def.nodes.forEach((n, i) => {
    for (const { field, source } of nodeExpressions(n)) {
      for (const w of expressionWarnings(source, limits.expression)) warnings.push({ path: `nodes/${i}/${field}`, nodeId: n.id, ...w });
    }
  });
  const g = buildGraph(def);
  for (const loop of cycles(g)) {
    if ([...loop].some((id) => DURABLE_NODE_TYPES.includes(g.nodes.get(id)!.type))) continue;
    const members = [...loop];
    warnings.push({
      path: `nodes/${index.get(members[0])}`,
      nodeId: members[0],
      code: 'loop_without_wait',
      message: `the loop through ${members.join(', ')} has no activity, timer, event, task or subprocess: after ${limits.stepsWithoutWait} steps without a wait the case fails`,
    });
  }
  return warnings;
}
