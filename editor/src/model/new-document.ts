/**
 * What a new document starts as: the smallest definition the server accepts as a draft, so the
 * editor opens on something valid to change. A process holds a start node; a rule set (refused as
 * a draft while it has problems) one example fact with a rule, or a one-row table, that reads it.
 */
import type { RuleSet } from '../../../rules/ruleset-schema';
import type { LocalizedText } from '../../../language';
import type { ProcessDefinition } from '../../../workflows/definition/schema';

export type NewDocumentKind = 'process' | 'rules' | 'table';

const EXAMPLE_FACT = 'value';

export function starterProcess(key: string, name: LocalizedText): ProcessDefinition {
  return { key, name, nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }], edges: [] };
}

export function starterRuleSet(key: string, name: LocalizedText, kind: 'rules' | 'table'): RuleSet {
  const facts = { [EXAMPLE_FACT]: { type: 'string' as const } };
  if (kind === 'table') {
    return { key, name, kind, facts, table: { hitPolicy: 'first', columns: [{ fact: EXAMPLE_FACT, operator: 'equal' }], rows: [{ cells: [null], outcome: 'default' }] } };
  }
  return { key, name, kind, facts, rules: [{ conditions: { all: [{ fact: EXAMPLE_FACT, operator: 'equal', value: 'example' }] }, event: { type: 'default' } }] };
}
