/**
 * What rule sets bring to the document hook: the rule set as edited, kept in a small store that
 * the screen's panels and the hook both read, and which rules "Try it" and the impact preview run.
 */
import { create } from 'zustand';
import type { DocumentDetail } from '../api/documents';
import { ruleSetApi, type Candidate, type RuleSet } from '../api/rulesets';
import type { DocumentAdapter } from './document-session';

interface RuleSetEditing {
  /** Null until a rule set is loaded. */
  definition: RuleSet | null;
  dirty: boolean;
  /** An edit: the rule set is unsaved until the next save. */
  edit(next: RuleSet): void;
}

export const useRuleSetEditing = create<RuleSetEditing>()((set) => ({
  definition: null,
  dirty: false,
  edit: (definition) => set({ definition, dirty: true }),
}));

export const ruleSetAdapter: DocumentAdapter<RuleSet> = {
  api: ruleSetApi,
  load: (definition) => useRuleSetEditing.setState({ definition, dirty: false }),
  current() {
    const { definition } = useRuleSetEditing.getState();
    if (!definition) throw new Error('no rule set is loaded');
    return definition;
  },
  markSaved: () => useRuleSetEditing.setState({ dirty: false }),
  empty: (key, name) => ({ key, name, facts: {}, kind: 'rules', rules: [] }),
};

/**
 * The rules as edited, for "Try it" and impact preview: unsaved edits are saved as the draft first;
 * without edits or a draft, the latest published version is used, so trying a rule set creates no draft.
 */
export async function candidateOf(detail: DocumentDetail<RuleSet> | null, save: () => Promise<boolean>): Promise<Candidate | null> {
  if (useRuleSetEditing.getState().dirty) return (await save()) ? { draft: true } : null;
  return detail?.draft || !detail?.latestVersion ? { draft: true } : { version: detail.latestVersion };
}
