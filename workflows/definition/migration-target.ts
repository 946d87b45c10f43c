/**
 * Where a waiting case lands in another version of its process. One check for the workflow's
 * migrate update (the last word, race-free) and the API's dry run (engine/cases/migration-preview.ts),
 * so a preview never says "safe" of a move the workflow would refuse. Pure and zod-free: it runs in the sandbox.
 */
import { WAIT_NODE_TYPES } from './node-kinds';
import type { NodeType, ProcessDefinition } from './schema';

export type MigrationRefusalCode = 'not_waiting' | 'no_counterpart' | 'type_mismatch';

export interface MigrationRefusal {
  code: MigrationRefusalCode;
  message: string;
}

/** Why a case that is not waiting alone in one node cannot move (a task with a deadline has its escalation running beside it). */
export const NOT_SINGLE_WAIT = 'the case is not waiting in a single timer, event or task (it is running a step, parallel branches, or a task deadline\'s escalation)';

export type MigrationTarget = { toNode: string; toType: NodeType } | { refusal: MigrationRefusal; toNode: string; toType?: NodeType };

/**
 * The node of `to` (version `toVersion`) that a case waiting in `current`, a node of type `fromType`,
 * moves to: `nodeMapping[current]`, else the node of the same id; refused unless it exists and is
 * of the same kind of wait.
 */
export function migrationTarget(
  current: string,
  fromType: NodeType,
  to: ProcessDefinition,
  toVersion: number,
  nodeMapping: Readonly<Record<string, string>> | undefined,
): MigrationTarget {
  const toNode = nodeMapping?.[current] ?? current;
  if (!WAIT_NODE_TYPES.includes(fromType)) {
    return { toNode, refusal: { code: 'not_waiting', message: `the case is at '${current}' (${fromType}), not waiting` } };
  }
  const target = to.nodes.find((n) => n.id === toNode);
  if (!target) {
    return { toNode, refusal: { code: 'no_counterpart', message: `node '${toNode}' does not exist in version ${toVersion}: map '${current}' to a node of that version` } };
  }
  if (target.type !== fromType) {
    return {
      toNode,
      toType: target.type,
      refusal: { code: 'type_mismatch', message: `node '${toNode}' of version ${toVersion} is of type ${target.type}, but the case waits in a node of type ${fromType}` },
    };
  }
  return { toNode, toType: target.type };
}
