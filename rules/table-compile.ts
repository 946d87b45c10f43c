/**
 * A decision table as json-rules-engine rules: one rule per row, its non-empty cells
 * joined with `all`, its outcome and params as the event.
 */
import type { FactCondition } from '../language';
import type { DecisionTable, HitPolicy, Rule } from './ruleset-schema';

export interface CompiledTable {
  rules: Rule[];
  /** The engine stops after the first priority level with a match (hit policies first and priority). */
  stopAfterFirstMatch: boolean;
  /** Every row is evaluated; what matched is then checked against the policy (hit-policy.ts). */
  hitPolicy: HitPolicy;
}

export function compileTable(table: DecisionTable): CompiledTable {
  const count = table.rows.length;
  const rules = table.rows.map((row, i): Rule => {
    const all: FactCondition[] = [];
    row.cells.forEach((value, c) => {
      const column = table.columns[c];
      // null is "any"; an empty `all` is true in json-rules-engine, so a row of nulls is a catch-all.
      if (value === null || !column) return;
      all.push({ fact: column.fact, operator: column.operator, value, ...(column.path ? { path: column.path } : {}) });
    });
    return {
      name: row.id ?? `row-${i + 1}`,
      // first: rows keep their order as strictly decreasing priorities, so the earliest match wins.
      priority: table.hitPolicy === 'first' ? count - i : (row.priority ?? 1),
      conditions: { all },
      event: { type: row.outcome, ...(row.params ? { params: row.params } : {}) },
    };
  });
  return { rules, stopAfterFirstMatch: table.hitPolicy === 'first' || table.hitPolicy === 'priority', hitPolicy: table.hitPolicy };
}
