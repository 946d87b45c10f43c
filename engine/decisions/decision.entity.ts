import { EntitySchema } from 'typeorm';

/** One evaluation of a rule set for a case: what it saw, what fired, and why. */
export interface DecisionRow {
  id: string;
  caseId: string;
  nodeId: string;
  /** Which pass through the node (a loop decides again). */
  visit: number;
  rulesetKey: string;
  rulesetVersion: number;
  facts: object;
  events: object;
  outcome: string | null;
  trace: object;
  decidedAt: Date;
}

export const DecisionEntity = new EntitySchema<DecisionRow>({
  name: 'Decision',
  tableName: 'decisions',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    caseId: { type: 'text', name: 'case_id' },
    nodeId: { type: 'text', name: 'node_id' },
    visit: { type: 'integer' },
    rulesetKey: { type: 'text', name: 'ruleset_key' },
    rulesetVersion: { type: 'integer', name: 'ruleset_version' },
    facts: { type: 'jsonb' },
    events: { type: 'jsonb' },
    outcome: { type: 'text', nullable: true },
    trace: { type: 'jsonb' },
    decidedAt: { type: 'timestamptz', name: 'decided_at', createDate: true },
  },
});
