/** What a step is called where a list or a run names it: its label in the UI language, else its id. */
import { pickText, type TextSide } from '../i18n/useLocalized';
import type { FlowNode } from './types';

export function nodeName(node: FlowNode | undefined, id: string, side: TextSide): string {
  const label = (node?.data as { label?: { zh?: string; en?: string } } | undefined)?.label;
  return pickText(label, side) ?? id;
}

/** Whether a search matches a step: its label in either language, its id, or the activity, rule set or process it names. */
export function nodeMatches(node: FlowNode, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return false;
  const data = node.data as { label?: { zh?: string; en?: string }; activity?: string; ruleset?: string; process?: string; event?: string };
  return [node.id, data.label?.zh, data.label?.en, data.activity, data.ruleset, data.process, data.event].some((s) => s?.toLowerCase().includes(q));
}
