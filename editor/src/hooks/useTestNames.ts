/** Names for a process test's reasons: the steps of the process being edited by their labels, outcomes in the UI language. */
import { useOutcomeName } from '../i18n/outcomeName';
import type { TestNames } from '../i18n/testFailureText';
import { useTextSide } from '../i18n/useLocalized';
import { nodeName } from '../model/node-name';
import { useEditor } from '../store';

export function useTestNames(): TestNames {
  const side = useTextSide();
  const outcome = useOutcomeName();
  const nodes = useEditor((s) => s.nodes);
  return { step: (id) => nodeName(nodes.find((n) => n.id === id), id, side), outcome };
}
