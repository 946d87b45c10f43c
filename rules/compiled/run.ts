/**
 * One evaluation of a compiled program: levels from the highest priority down, every rule of
 * a level evaluated (json-rules-engine runs a level's rules together, so a stop takes effect
 * only at the next level), and the log of what was evaluated, from which the trace is read.
 * It allocates little (no typed arrays): on small rule sets allocation is most of the cost.
 */
import type { Run } from './condition-compile';
import type { Facts } from './fact-read';
import type { CompiledRule, Program } from './program';

export interface ProgramRun {
  /** The rules that passed, highest priority first, equal priorities in definition order. */
  passed: CompiledRule[];
  /** How many levels were evaluated: a rule was if its level is below this. */
  levels: number;
  log: unknown[];
}

export function runProgram(program: Program, facts: Facts): ProgramRun {
  const run: Run = { facts, log: [] };
  const passed: CompiledRule[] = [];
  const { levels } = program;
  let evaluated = 0;
  while (evaluated < levels.length) {
    const level = levels[evaluated++];
    const before = passed.length;
    for (let i = 0; i < level.length; i++) if (level[i].check(run)) passed.push(level[i]);
    if (program.stopAfterFirstMatch && passed.length > before) break;
  }
  return { passed, levels: evaluated, log: run.log };
}
