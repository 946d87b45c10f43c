/**
 * Re-planning open deadline ladders after a rule set change (docs/ladders.md): a ladder's times
 * are read when its node starts, so open ones keep theirs unless someone asks. The preview counts
 * the open ladders (of tasks, event waits and timers: open-ladders.ts) that read the rule set in the
 * caller's org units; the re-plan sends each of their cases the replanLadders update (workflows/ladder-replan.ts), which re-times the steps not
 * yet taken from the rule set's outcome now and records the new plan on the task row
 * (recordLadderReplan, below) with a line in the case log. The request is audited once.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { replanLaddersUpdate, type LadderReplanActivities, type ReplannedLadder } from '../../workflows/ladder-replan';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import { CaseLogEntity } from '../caselog/case-log.entity';
import { ConflictError, NotFoundError } from '../errors';
import { caseId, keyParam } from '../http/params';
import { route } from '../http/route';
import { scopeOf } from '../orgunits/scope';
import { countLadders, openLaddersReading, type OpenLadder } from './open-ladders';
import type { Services } from '../services';
import { TaskEntity } from './task.entity';

/** The engine's side of a re-planned ladder: the task row's ladder and due time, and the case log. */
export function ladderReplanActivities(services: Services): LadderReplanActivities {
  return {
    async recordLadderReplan({ meta, taskId, ruleset, by, plan, taken, dueAt }) {
      const target = taskId ?? `${meta.caseId}:${meta.nodeId}:${meta.visit}`;
      await services.db.transaction(async (m) => {
        if (taskId) await m.getRepository(TaskEntity).update({ id: taskId, status: 'open' }, { ladder: plan, ...(dueAt ? { dueAt: new Date(dueAt) } : {}) });
        const times = plan.slice(taken).map((s, i) => `step ${taken + i + 1} due ${s.at}`);
        await m
          .createQueryBuilder()
          .insert()
          .into(CaseLogEntity)
          .values({
            caseId: meta.caseId,
            nodeId: meta.nodeId,
            level: 'info',
            message: `deadline ladder re-planned from rule set ${ruleset} by ${by}: ${taken} step(s) taken stay; ${times.join(', ') || 'no step left'}`,
            idempotencyKey: `ladder-replan:${target}:${plan.map((s) => s.at).join(',')}`,
          })
          .orIgnore()
          .execute();
      });
    },
  };
}

/** What the re-plan did for one case. */
interface CaseReplan {
  caseId: string;
  ladders?: ReplannedLadder[];
  /** Why it was not re-planned (its task closed meanwhile, the case ended, no answer). */
  skipped?: string;
}

export class LadderReplanService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {}

  /** The open ladders of the caller's org units that read the rule set (optionally of these cases only). */
  private async openLadders(key: string, principal: Principal, caseIds?: string[]): Promise<OpenLadder[]> {
    if (!(await this.services.rulesets.find(key))) throw new NotFoundError('rule set', key);
    return openLaddersReading(this.services, key, await scopeOf(this.services.db, principal), caseIds);
  }

  /** How many open ladders (of tasks, event waits and timers), of how many cases, a re-plan would re-time, by kind, node and org unit. */
  async preview(key: string, principal: Principal) {
    return { ruleset: key, ...countLadders(await this.openLadders(key, principal)) };
  }

  /**
   * Re-plans the ladders of those cases; `expectedLadders` (the preview's count) or `expectedTasks`
   * (its count of tasks) refuses with 409 when the open ladders changed since the preview.
   */
  async replan(key: string, body: { caseIds?: string[]; expectedLadders?: number; expectedTasks?: number }, principal: Principal) {
    const ladders = await this.openLadders(key, principal, body.caseIds);
    const tasks = ladders.filter((l) => l.kind === 'task').length;
    if (body.expectedLadders !== undefined && body.expectedLadders !== ladders.length) {
      throw new ConflictError('replan_preview_stale', `the preview counted ${body.expectedLadders} open ladder(s) that read rule set '${key}'; there are ${ladders.length} now: look again`);
    }
    if (body.expectedTasks !== undefined && body.expectedTasks !== tasks) {
      throw new ConflictError('replan_preview_stale', `the preview counted ${body.expectedTasks} open task(s) whose ladder reads rule set '${key}'; there are ${tasks} now: look again`);
    }
    const caseIds = [...new Set(ladders.map((l) => l.caseId))];
    const cases: CaseReplan[] = [];
    for (const id of caseIds) {
      try {
        const { ladders } = await this.client.workflow.getHandle(id).executeUpdate(replanLaddersUpdate, { args: [{ ruleset: key, by: principal.username }] });
        cases.push({ caseId: id, ladders });
      } catch (err) {
        const cause = err instanceof WorkflowUpdateFailedError ? (err.cause as Error | undefined)?.message ?? err.message : (err as Error).message;
        cases.push({ caseId: id, skipped: cause });
      }
    }
    const replanned = cases.filter((c) => c.ladders).flatMap((c) => c.ladders!);
    await appendAudit(this.services.db, {
      actor: principal.username,
      action: 'replan_ladders',
      kind: 'ruleset',
      key,
      detail: { ladders: ladders.length, tasks, cases: caseIds.length, replanned: replanned.length, skipped: cases.filter((c) => c.skipped).map((c) => c.caseId) },
    });
    return { ruleset: key, ladders: ladders.length, tasks, replanned: replanned.length, cases };
  }
}

const replanBody = z
  .object({
    caseIds: z.array(caseId).min(1).max(500).optional().describe('Only the open ladders of these cases'),
    expectedLadders: z.number().int().min(0).max(1_000_000).optional().describe("The preview's count of open ladders: 409 when it changed since"),
    expectedTasks: z.number().int().min(0).max(1_000_000).optional().describe("The preview's count of open tasks with a ladder: 409 when it changed since"),
  })
  .strict();

export function ladderReplanRoutes(service: LadderReplanService) {
  return [
    route({
      method: 'get', path: '/api/rulesets/:key/replan-ladders', tag: 'rulesets', permission: 'ruleset.publish',
      summary: "Preview of a re-plan: how many open deadline ladders (of tasks, event waits and timers, in the caller's org units) read this rule set, by kind, process node and org unit",
      params: keyParam,
      handle: ({ params, principal }) => service.preview(params.key, principal),
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/replan-ladders', tag: 'rulesets', permission: 'ruleset.publish',
      summary: "Re-time the steps not yet taken of those open ladders from the rule set's outcome now (steps taken stay taken; a step whose new time is past is taken at once)",
      params: keyParam, body: replanBody,
      handle: ({ params, body, principal }) => service.replan(params.key, body, principal),
    }),
  ];
}
