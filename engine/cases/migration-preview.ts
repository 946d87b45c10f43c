/**
 * The dry run of a case's migration: what moves where, which variables the target version
 * declares that the case lacks, and why it is refused when it is unsafe. The single-case dry run
 * (POST /api/cases/:id/migrate/preview), the real migration's checks (CaseService.migrate) and the
 * bulk preview all call this; the node check itself is the workflow's own (migration-target.ts).
 */
import { z } from 'zod';
import { migrationTarget, NOT_SINGLE_WAIT } from '../../workflows/definition/migration-target';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import type { CaseState } from '../../workflows/messages';

const refusalCodes = ['not_waiting', 'no_counterpart', 'type_mismatch', 'not_running', 'same_version', 'version_not_published', 'unknown_mapped_node', 'not_single_wait'] as const;
/** The workflow's refusals (migration-target.ts) and the dry run's own; `refused()` below type-checks only while the first are among these. */
export type MigrationPreviewRefusalCode = (typeof refusalCodes)[number];

const nodeType = z.string().nullable();

/** The dry run's answer, declared once: the type below and the route's OpenAPI response are this. */
export const migrationPreviewSchema = z.object({
  processKey: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  safe: z.boolean().describe('True when the migration would be carried out; false with `refusal` saying why'),
  refusal: z.object({ code: z.enum(refusalCodes), message: z.string() }).optional(),
  moves: z
    .array(
      z.object({
        fromNode: z.string(),
        fromType: nodeType,
        toNode: z.string().describe("Where the node goes in the target version: the mapping's node, else the same id"),
        toType: nodeType.describe('The target node\'s type; null when the target version has no such node'),
        mapped: z.boolean().describe("Whether the request's node mapping chose toNode"),
      }),
    )
    .describe('Each active node of the case and where it would go'),
  missingVariables: z
    .array(z.object({ name: z.string(), required: z.boolean() }))
    .describe('Variables the target version declares (its variables schema) that the case does not hold, by name; required when that schema requires them'),
});

export type MigrationPreview = z.infer<typeof migrationPreviewSchema>;
export type NodeMove = MigrationPreview['moves'][number];

export interface MigrationPreviewInput {
  /** The case's live state (status, version, active nodes, where it may move from, and variable names are read). */
  state: Pick<CaseState, 'status' | 'processKey' | 'version' | 'activeNodes' | 'migratableAt' | 'variables'>;
  /** The definition of the case's current version. */
  from: ProcessDefinition;
  toVersion: number;
  /** The target version's definition; null when that version is not published. */
  to: ProcessDefinition | null;
  nodeMapping?: Readonly<Record<string, string>>;
}

/** The declared variables of `to` the case lacks; `required` when its schema requires them. */
function missingVariables(to: ProcessDefinition | null, held: Record<string, unknown>): MigrationPreview['missingVariables'] {
  const schema = to?.variables as { properties?: Record<string, unknown>; required?: unknown } | undefined;
  const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
  return Object.keys(schema?.properties ?? {})
    .filter((name) => !Object.hasOwn(held, name))
    // By name: the stored definition's key order is not the author's (jsonb), so no order is promised but this one.
    .sort()
    .map((name) => ({ name, required: required.has(name) }));
}

/** The dry run of moving a case to version `toVersion` (see the module comment). */
export function previewMigration({ state, from, toVersion, to, nodeMapping }: MigrationPreviewInput): MigrationPreview {
  const fromTypes = new Map(from.nodes.map((n) => [n.id, n.type]));
  const toTypes = new Map((to?.nodes ?? []).map((n) => [n.id, n.type]));
  const moves: NodeMove[] = state.activeNodes.map((id) => {
    const toNode = nodeMapping?.[id] ?? id;
    return { fromNode: id, fromType: fromTypes.get(id) ?? null, toNode, toType: toTypes.get(toNode) ?? null, mapped: nodeMapping?.[id] !== undefined };
  });
  const base = { processKey: state.processKey, fromVersion: state.version, toVersion, moves, missingVariables: missingVariables(to, state.variables) };
  const refused = (code: MigrationPreviewRefusalCode, message: string): MigrationPreview => ({ ...base, safe: false, refusal: { code, message } });

  if (state.status !== 'running') return refused('not_running', `the case is ${state.status}`);
  if (toVersion === state.version) return refused('same_version', `the case already runs version ${toVersion}`);
  if (!to) return refused('version_not_published', `version ${toVersion} of process '${state.processKey}' is not published`);
  const unknown = Object.keys(nodeMapping ?? {}).find((id) => !fromTypes.has(id));
  if (unknown !== undefined) return refused('unknown_mapped_node', `the node mapping names '${unknown}', which is not a node of version ${state.version}`);
  // The workflow's own word on whether it waits alone (a task with a deadline does not: its escalation runs beside it).
  const move = moves.length === 1 && state.migratableAt === moves[0].fromNode ? moves[0] : undefined;
  if (!move) return refused('not_single_wait', NOT_SINGLE_WAIT);
  // A node the case's own version lacks means its state and definition disagree: nothing is safe then.
  const fromType = fromTypes.get(move.fromNode);
  if (!fromType) return refused('not_waiting', `the case is at '${move.fromNode}', which version ${state.version} does not have`);
  const target = migrationTarget(move.fromNode, fromType, to, toVersion, nodeMapping);
  if ('refusal' in target) return refused(target.refusal.code, target.refusal.message);
  return { ...base, safe: true };
}
