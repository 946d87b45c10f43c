/**
 * The actions a bulk job takes on each case, through the same services as the single-case routes
 * (CaseService, IncidentService: scoped and audited). One check per action says what would happen
 * to a case — the preview shows it, and the run takes the action only where it says "act" — so
 * the preview and the run never disagree about which cases an action applies to.
 */
import { z } from 'zod';
import { identifier } from '../../language';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
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

/** What would happen to a case: acted on, skipped (the action does not apply to it) or failed, and why. */
export const verdictSchema = z.object({
  outcome: z.enum(['act', 'skip', 'fail']),
  reason: z.string(),
  migration: migrationPreviewSchema.optional().describe('For a migration: its dry run'),
});
export type Verdict = z.infer<typeof verdictSchema>;

export interface ActionContext {
  services: Services;
  cases: CaseService;
  incidents: IncidentService;
  principal: Principal;
}

const act = (reason: string): Verdict => ({ outcome: 'act', reason });
const skip = (reason: string): Verdict => ({ outcome: 'skip', reason });

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
    return migration.refusal ? { ...skip(migration.refusal.message), migration } : { ...act(`would move ${move} to version ${action.toVersion}`), migration };
  }
  const state = await ctx.cases.actionState(caseId, ctx.principal);
  if (state.status !== 'running') return skip(`the case is ${state.status}`);
  switch (action.kind) {
    case 'cancel':
      return act('would cancel the case');
    case 'event': {
      const definition = (await ctx.services.processes.version(state.processKey, state.version)).content;
      const awaiting = nodesAwaiting(definition, state.activeNodes, action.name);
      if (awaiting.length === 0) return skip(`not waiting for event '${action.name}' (at ${state.activeNodes.map((n) => `'${n}'`).join(', ') || 'no node'})`);
      const problems = eventPayloadProblems(definition, action.name, action.payload ?? null);
      if (problems.length) return { outcome: 'fail', reason: `the payload does not match the schema of event '${action.name}': ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}` };
      return act(`would deliver event '${action.name}' at '${awaiting[0]}'`);
    }
    case 'retry': {
      const open = await openIncidents(ctx.services, caseId);
      return open.length ? act(`would retry ${open.length} incident(s) at ${open.map((id) => `'${id.split(':')[1]}'`).join(', ')}`) : skip('no open incident');
    }
  }
}

/** Takes the action on a case `assess` said to act on; answers what was done. Refusals throw as the single-case routes do. */
export async function perform(ctx: ActionContext, action: BulkAction, caseId: string): Promise<string> {
  switch (action.kind) {
    case 'cancel':
      await ctx.cases.cancel(caseId, action.reason, ctx.principal);
      return 'cancelled';
    case 'event':
      await ctx.cases.sendEvent(caseId, action.name, action.payload ?? null, ctx.principal);
      return `event '${action.name}' delivered`;
    case 'migrate': {
      const moved = await ctx.cases.migrate(caseId, action.toVersion, action.nodeMapping, ctx.principal);
      return `moved ${moved.fromNode} → ${moved.toNode} in version ${moved.toVersion}`;
    }
    case 'retry': {
      const open = await openIncidents(ctx.services, caseId);
      for (const id of open) await ctx.incidents.resolve(id, { action: 'retry', comment: action.comment }, ctx.principal);
      return `retried ${open.length} incident(s)`;
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
