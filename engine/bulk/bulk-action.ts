/**
 * The actions a bulk job takes on each case, through the same services as the single-case routes
 * (CaseService, IncidentService: scoped and audited). One check per action says what would happen
 * to a case — the preview shows it, and the run takes the action only where it says "act" — so
 * the preview and the run never disagree about which cases an action applies to.
 */
import { z } from 'zod';
import { bulkReasonCodes, identifier, type BulkReasonCode, type BulkReasonParams } from '../../language';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { UserError } from '../errors';
import type { CaseService } from '../cases/case.service';
import { migrationPreviewSchema, type MigrationPreview } from '../cases/migration-preview';
import { eventPayloadProblems, nodesAwaiting } from '../events/event-payload';
import { versionNumber } from '../http/params';
import type { IncidentService } from '../incidents/incident.service';
import type { Services } from '../services';

export const bulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancel'), reason: z.string().trim().min(1).max(500).describe('Kept in the audit trail of each case') }).strict(),
  z.object({ kind: z.literal('event'), name: identifier, payload: z.unknown().optional().describe("Checked against the event's declared schema of each case's version") }).strict(),
  z.object({ kind: z.literal('migrate'), toVersion: versionNumber, nodeMapping: z.record(identifier, identifier).optional() }).strict(),
  z.object({ kind: z.literal('retry'), comment: z.string().trim().min(1).max(2000).describe("Each incident's resolution comment") }).strict(),
]);

export type BulkAction = z.infer<typeof bulkAction>;

/** What each action needs of whoever starts the job: what its single-case route needs. */
export const ACTION_PERMISSION: Record<BulkAction['kind'], Permission> = { cancel: 'case.act', event: 'case.act', migrate: 'case.migrate', retry: 'incident.resolve' };

/** Why, for a reader (`reason`, English) and for a UI that words it in its own language (the code and its values). */
export const reasonFields = {
  reason: z.string(),
  reasonCode: z.enum(bulkReasonCodes).describe('The reason as a stable code (language/bulk-reasons.ts)'),
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe("The reason's values (a status, an event, nodes, a version)"),
};
export const reasonSchema = z.object(reasonFields);
export type Reason = z.infer<typeof reasonSchema>;

/** A reason: its code, its English words, and the values both are made of. */
export const because = (reasonCode: BulkReasonCode, reason: string, reasonParams?: BulkReasonParams): Reason => ({ reason, reasonCode, ...(reasonParams ? { reasonParams } : {}) });

/** A refusal of the services as a case's reason: its API code, which a UI words as it words the single-case route's refusal. */
export const refusedBecause = (err: UserError): Reason => because('refused', err.message, { apiCode: err.code });

/** What would happen to a case: acted on, skipped (the action does not apply to it) or failed, and why. */
export const verdictSchema = z.object({
  outcome: z.enum(['act', 'skip', 'fail']),
  ...reasonFields,
  migration: migrationPreviewSchema.optional().describe('For a migration: its dry run'),
});
export type Verdict = z.infer<typeof verdictSchema>;

export interface ActionContext {
  services: Services;
  cases: CaseService;
  incidents: IncidentService;
  principal: Principal;
}

const act = (reason: Reason): Verdict => ({ outcome: 'act', ...reason });
const skip = (reason: Reason): Verdict => ({ outcome: 'skip', ...reason });
/** Node ids as a reason lists them. */
const quoted = (ids: string[]) => ids.map((id) => `'${id}'`).join(', ');

/** The open incidents of a case (a resolution under way is not open to another). */
async function openIncidents(services: Services, caseId: string): Promise<string[]> {
  const rows: { id: string }[] = await services.db.query(`SELECT id FROM incidents WHERE case_id = $1 AND status = 'open' ORDER BY opened_at, id`, [caseId]);
  return rows.map((r) => r.id);
}

/** What `action` would do to the case now. */
export async function assess(ctx: ActionContext, action: BulkAction, caseId: string): Promise<Verdict> {
  if (action.kind === 'migrate') {
    const migration: MigrationPreview = await ctx.cases.previewMigration(caseId, action.toVersion, action.nodeMapping, ctx.principal);
    const move = migration.moves.map((m) => `${m.fromNode} → ${m.toNode}`).join(', ');
    const versions = { fromVersion: migration.fromVersion, toVersion: action.toVersion };
    if (migration.refusal) return { ...skip(because(migration.refusal.code, migration.refusal.message, { ...versions, node: migration.moves[0]?.fromNode ?? '' })), migration };
    return { ...act(because('would_migrate', `would move ${move} to version ${action.toVersion}`, { ...versions, moves: move })), migration };
  }
  const state = await ctx.cases.actionState(caseId, ctx.principal);
  if (state.status !== 'running') return skip(because('not_running', `the case is ${state.status}`, { status: state.status }));
  switch (action.kind) {
    case 'cancel':
      return act(because('would_cancel', 'would cancel the case'));
    case 'event': {
      const definition = (await ctx.services.processes.version(state.processKey, state.version)).content;
      const awaiting = nodesAwaiting(definition, state.activeNodes, action.name);
      const at = quoted(state.activeNodes);
      if (awaiting.length === 0) return skip(because('event_not_awaited', `not waiting for event '${action.name}' (at ${at || 'no node'})`, { event: action.name, nodes: at || '—' }));
      const problems = eventPayloadProblems(definition, action.name, action.payload ?? null);
      if (problems.length) {
        const text = `the payload does not match the schema of event '${action.name}': ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`;
        return { outcome: 'fail', ...because('payload_invalid', text, { event: action.name, paths: problems.map((p) => p.path || '/').join(', ') }) };
      }
      return act(because('would_deliver', `would deliver event '${action.name}' at '${awaiting[0]}'`, { event: action.name, node: awaiting[0] }));
    }
    case 'retry': {
      const open = await openIncidents(ctx.services, caseId);
      const at = quoted(open.map((id) => id.split(':')[1]));
      return open.length ? act(because('would_retry', `would retry ${open.length} incident(s) at ${at}`, { count: open.length, nodes: at })) : skip(because('no_open_incident', 'no open incident'));
    }
  }
}

/** Takes the action on a case `assess` said to act on; answers what was done. Refusals throw as the single-case routes do. */
export async function perform(ctx: ActionContext, action: BulkAction, caseId: string): Promise<Reason> {
  switch (action.kind) {
    case 'cancel':
      await ctx.cases.cancel(caseId, action.reason, ctx.principal);
      return because('cancelled', 'cancelled');
    case 'event':
      await ctx.cases.sendEvent(caseId, action.name, action.payload ?? null, ctx.principal);
      return because('event_delivered', `event '${action.name}' delivered`, { event: action.name });
    case 'migrate': {
      const moved = await ctx.cases.migrate(caseId, action.toVersion, action.nodeMapping, ctx.principal);
      return because('migrated', `moved ${moved.fromNode} → ${moved.toNode} in version ${moved.toVersion}`, { moves: `${moved.fromNode} → ${moved.toNode}`, toVersion: moved.toVersion });
    }
    case 'retry': {
      const open = await openIncidents(ctx.services, caseId);
      for (const id of open) await ctx.incidents.resolve(id, { action: 'retry', comment: action.comment }, ctx.principal);
      return because('retried', `retried ${open.length} incident(s)`, { count: open.length });
    }
  }
}

/**
 * Whether an action interrupted mid-way (its worker died between acting and recording) took
 * effect, read from what the services record as they act: the audit trail (cancel, event,
 * migration) or the incidents resolved by the job's principal. Never by acting again.
 */
export async function tookEffect(services: Services, action: BulkAction, caseId: string, actor: string): Promise<boolean> {
  if (action.kind === 'retry') {
    const rows: unknown[] = await services.db.query(`SELECT 1 FROM incidents WHERE case_id = $1 AND resolved_by = $2 LIMIT 1`, [caseId, actor]);
    return rows.length > 0;
  }
  const rows: unknown[] = await services.db.query(`SELECT 1 FROM audit_log WHERE kind = 'case' AND key = $1 AND actor = $2 AND action = $3 LIMIT 1`, [caseId, actor, action.kind]);
  return rows.length > 0;
}
