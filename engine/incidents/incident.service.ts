/**
 * Incidents: steps that failed for good and wait at their node (workflows/interpreter/incidents.ts).
 * Operators list them and resolve them: retry the step, skip it along a chosen exit with an
 * output, or fail the case.
 *
 * As with task completions (tasks/task.service.ts), a resolution first claims the row (open →
 * resolving, conditional: of two concurrent resolutions one wins, the other gets 409), then
 * delivers it to the case through an update whose id is derived from the incident, so delivering
 * twice acts once; only then is the row resolved and audited. A crash in between leaves
 * 'resolving', which the reconciler delivers again.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { LessThan } from 'typeorm';
import { buildGraph } from '../../workflows/definition/graph';
import { skipEdge, skipOutputProblem } from '../../workflows/interpreter/incident-exits';
import { resolveIncidentUpdate, type IncidentAction } from '../../workflows/messages';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import { ConflictError, UserError, ValidationError } from '../errors';
import { scopeOf } from '../orgunits/scope';
import { snapshotOf } from '../processes/snapshot';
import type { Services } from '../services';
import { refreshIncidentFlag } from './case-flag';
import { IncidentEntity, type IncidentRow } from './incident.entity';

/** How long one delivery to the case may take before the caller is told to retry. */
const DELIVERY_TIMEOUT_MS = 10_000;

export interface IncidentQuery {
  processKey?: string;
  caseId?: string;
  /** open: not yet resolved (a resolution under way counts as open); resolved: done. */
  status?: 'open' | 'resolved';
  limit: number;
}

export interface Resolution {
  action: IncidentAction;
  outcome?: string;
  output?: unknown;
  comment: string;
}

/** What the API answers for an incident (the row but the skip's output, which may hold personal data). */
function view(row: IncidentRow) {
  const { action, outcome, comment, resolvedBy, resolvedAt, output: _output, ...rest } = row;
  return { ...rest, resolution: action ? { action, outcome, comment, by: resolvedBy, at: resolvedAt } : null };
}

export class IncidentService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {}

  private get repo() {
    return this.services.db.getRepository(IncidentEntity);
  }

  /** Incidents within the principal's org units, newest first. */
  async list(q: IncidentQuery, principal: Principal) {
    const query = this.repo.createQueryBuilder('i').orderBy('i.openedAt', 'DESC').addOrderBy('i.id', 'DESC').take(q.limit);
    if (q.processKey) query.andWhere('i.processKey = :processKey', { processKey: q.processKey });
    if (q.caseId) query.andWhere('i.caseId = :caseId', { caseId: q.caseId });
    if (q.status === 'open') query.andWhere(`i.status <> 'resolved'`);
    if (q.status === 'resolved') query.andWhere(`i.status = 'resolved'`);
    const scoped = (await scopeOf(this.services.db, principal)).predicate('i.orgUnit');
    if (scoped) query.andWhere(scoped.sql, scoped.params);
    return (await query.getMany()).map(view);
  }

  /** One incident, when it lies within the principal's org units (404 otherwise, as one that does not exist). */
  async get(id: string, principal: Principal) {
    return view((await scopeOf(this.services.db, principal)).visible(await this.repo.findOneBy({ id }), 'incident', id));
  }

  async resolve(id: string, r: Resolution, principal: Principal) {
    const actor = principal.username;
    const row = (await scopeOf(this.services.db, principal)).visible(await this.repo.findOneBy({ id }), 'incident', id);
    if (r.action === 'skip') await this.checkSkip(row, r);
    const claimed = await this.repo.update(
      { id, status: 'open' },
      { status: 'resolving', action: r.action, outcome: r.outcome ?? null, output: r.output === undefined ? null : ({ value: r.output } as never), comment: r.comment, resolvedBy: actor, resolvedAt: new Date() },
    );
    if (claimed.affected !== 1) throw notOpen(await this.repo.findOneByOrFail({ id }));
    await this.deliver(await this.repo.findOneByOrFail({ id }));
    return this.get(id, principal);
  }

  /** Refuses, naming the field, a skip the case would refuse: an exit the node lacks, an output it cannot take. */
  private async checkSkip(row: IncidentRow, r: Resolution): Promise<void> {
    const { definition } = await snapshotOf(this.services, row.processKey, row.version);
    const graph = buildGraph(definition);
    const node = graph.nodes.get(row.nodeId);
    if (!node) return;
    const problems = [];
    try {
      skipEdge(graph, row.nodeId, r.outcome);
    } catch (err) {
      problems.push({ path: 'body/outcome', code: 'no_such_exit', message: (err as Error).message });
    }
    const output = skipOutputProblem(node, r.output);
    if (output) problems.push({ path: 'body/output', code: 'no_output_variable', message: output });
    if (problems.length) throw new ValidationError('invalid_resolution', problems.map((p) => p.message).join('; '), problems);
  }

  /** Hands a claimed resolution to its case and records it on the row. */
  private async deliver(row: IncidentRow): Promise<void> {
    const handle = this.client.workflow.getHandle(row.caseId);
    const resolution = {
      incidentId: row.id,
      action: row.action as IncidentAction,
      ...(row.outcome !== null ? { outcome: row.outcome } : {}),
      ...(row.output !== null ? { output: row.output.value } : {}),
      by: row.resolvedBy!,
      comment: row.comment ?? '',
    };
    try {
      await this.client.connection.withDeadline(Date.now() + DELIVERY_TIMEOUT_MS, () => handle.executeUpdate(resolveIncidentUpdate, { updateId: `resolve:${row.id}`, args: [resolution] }));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) {
        // The case no longer waits on this incident (it ended, or refused the resolution): the claim is undone.
        const running = await handle.describe().then((d) => d.status.name === 'RUNNING', () => false);
        const undo = running
          ? { status: 'open' as const, action: null, outcome: null, output: null, comment: null, resolvedBy: null, resolvedAt: null }
          : { status: 'resolved' as const, action: 'case_ended' as const };
        await this.services.db.transaction(async (m) => {
          await m.getRepository(IncidentEntity).update({ id: row.id, status: 'resolving' }, undo);
          await refreshIncidentFlag(m, row.caseId);
        });
        const why = err instanceof WorkflowUpdateFailedError ? ((err.cause as Error | undefined)?.message ?? err.message) : 'the case has ended';
        throw new ConflictError('incident_not_open', `the case refused the resolution: ${why}`);
      }
      // Not delivered, or not known to be: the row stays 'resolving' for a retry by the reconciler.
      throw err;
    }
    // The resolution took effect: audited once, under whoever resolved it (the reconciler may be the one delivering).
    await this.services.db.transaction(async (m) => {
      const done = await m.getRepository(IncidentEntity).update({ id: row.id, status: 'resolving' }, { status: 'resolved', output: null });
      await refreshIncidentFlag(m, row.caseId);
      if (done.affected === 1) {
        const detail = { caseId: row.caseId, nodeId: row.nodeId, resolution: row.action, outcome: row.outcome, comment: row.comment };
        await appendAudit(m, { actor: row.resolvedBy!, action: 'resolve', kind: 'incident', key: row.id, detail });
      }
    });
  }

  /** Delivers resolutions left 'resolving' by a crash or an outage; answers how many it finished. */
  async redeliverStalled(olderThanMs: number): Promise<number> {
    const stalled = await this.repo.find({ where: { status: 'resolving', resolvedAt: LessThan(new Date(Date.now() - olderThanMs)) }, take: 200 });
    let done = 0;
    for (const row of stalled) {
      try {
        await this.deliver(row);
        done++;
      } catch (err) {
        if (err instanceof UserError) done++;
        else this.services.log.warn({ incidentId: row.id, err: (err as Error).message }, 'could not deliver an incident resolution yet');
      }
    }
    return done;
  }
}

function notOpen(row: IncidentRow): ConflictError {
  if (row.status === 'resolving') return new ConflictError('incident_busy', `incident '${row.id}' is being resolved by ${row.resolvedBy}`);
  return new ConflictError('incident_resolved', `incident '${row.id}' is already resolved (${row.action}${row.resolvedBy ? ` by ${row.resolvedBy}` : ''})`);
}
