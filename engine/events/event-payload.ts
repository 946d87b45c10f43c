/**
 * An event's payload against the schema its process declares for it (an event node's `payload`):
 * checked wherever an event is sent, to one case or by correlation, before it reaches the case.
 */
import type { Problem } from '../../language';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { schemaProblems } from '../http/json-schema';

/** Problems of `payload` (a request body's `payload`) against every schema `definition` declares for event `name`; empty when none is declared. */
export function eventPayloadProblems(definition: ProcessDefinition, name: string, payload: unknown): Problem[] {
  return definition.nodes
    .flatMap((n) => (n.type === 'event' && n.event === name && n.payload ? schemaProblems(n.payload, payload, 'payload') : []))
    .map((p) => ({ ...p, path: `body/${p.path}` }));
}

/** The nodes of `definition` among `activeNodes` that wait for event `name`. */
export function nodesAwaiting(definition: ProcessDefinition, activeNodes: readonly string[], name: string): string[] {
  const awaiting = new Set(definition.nodes.filter((n) => n.type === 'event' && n.event === name).map((n) => n.id));
  return activeNodes.filter((id) => awaiting.has(id));
}
