/** The events an operator may send a case: those its process declares, the ones it waits for now first. */
import type { RJSFSchema } from '@rjsf/utils';
import type { ProcessDefinition } from '../../../workflows/definition/schema';

export interface EventChoice {
  name: string;
  /** Whether one of the case's current nodes waits for it. */
  waiting: boolean;
  /** The payload schema an event node declares for it (the first, when several do). */
  schema?: RJSFSchema;
}

export function eventChoices(definition: ProcessDefinition, activeNodes: readonly string[]): EventChoice[] {
  const choices = new Map<string, EventChoice>();
  for (const n of definition.nodes) {
    if (n.type !== 'event') continue;
    const c = choices.get(n.event) ?? { name: n.event, waiting: false };
    c.waiting ||= activeNodes.includes(n.id);
    c.schema ??= n.payload as RJSFSchema | undefined;
    choices.set(n.event, c);
  }
  // A stable sort: waiting events first, each group in the order the process declares them.
  return [...choices.values()].sort((a, b) => Number(b.waiting) - Number(a.waiting));
}
