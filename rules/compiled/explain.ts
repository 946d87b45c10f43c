/**
 * The trace of a compiled run, in the shape rules/trace.ts reads from json-rules-engine:
 * every rule, and for each evaluated rule its leaves in tree order, those not evaluated
 * (short-circuited) with result null and the value as written, and nothing for a named
 * condition that was never expanded.
 */
import { leafTrace, type ConditionTrace, type RuleTrace } from '../trace';
import type { Program } from './program';
import type { ProgramRun } from './run';

export function explain(program: Program, outcome: ProgramRun): RuleTrace[] {
  const { log } = outcome;
  // Sparse on purpose: a slot never written (undefined) was not evaluated or not expanded.
  const leafAt: number[] = [];
  const expanded: boolean[] = [];
  for (let i = 0; i < log.length; ) {
    const tag = log[i] as number;
    if (tag < 0) {
      expanded[~tag] = true;
      i += 1;
    } else {
      leafAt[tag] = i;
      i += 4;
    }
  }
  const passed: boolean[] = [];
  for (const rule of outcome.passed) passed[rule.index] = true;
  return program.rules.map((rule): RuleTrace => {
    const evaluated = program.levelOf[rule.index] < outcome.levels;
    const conditions: ConditionTrace[] = [];
    if (evaluated) {
      const { shape } = rule;
      for (let i = 0; i < shape.length; i++) {
        const item = shape[i];
        if (item.kind === 'ref') {
          if (!expanded[item.slot]) i += item.size;
          continue;
        }
        const at = leafAt[item.slot];
        conditions.push(
          at === undefined
            ? leafTrace(item, item.value, undefined, null)
            : leafTrace(item, log[at + 2], log[at + 1], log[at + 3] === true),
        );
      }
    }
    return { name: rule.name, priority: rule.priority, event: rule.type, evaluated, passed: passed[rule.index] === true, conditions };
  });
}
