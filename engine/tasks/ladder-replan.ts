/**
 * Re-planning open deadline ladders after a rule set change (docs/ladders.md): a ladder's times
 * are read when its node starts, so open tasks keep theirs unless someone asks. The preview counts
 * the open tasks whose ladder reads the rule set (in the caller's org units); the re-plan sends each
 * of their cases the replanLadders update (workflows/ladder-replan.ts), which re-times the steps not
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

interface OpenLadderTask {
  id: string;
  caseId: string;
  nodeId: string;
  processKey: string;
  version: number;
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

  /** The open tasks of the caller's org units whose ladder reads the rule set (optionally of these cases only). */
  private async openTasks(key: string, principal: Principal, caseIds?: string[]): Promise<OpenLadderTask[]> {
    if (!(await this.services.rulesets.find(key))) throw new NotFoundError('rule set', key);
    const scope = await scopeOf(this.services.db, principal);
    const rows = (await this.services.db.query(
      `SELECT t.id, t.case_id AS "caseId", t.node_id AS "nodeId", cp.process_key AS "processKey", cp.version
         FROM tasks t JOIN case_projection cp ON cp.case_id = t.case_id
        WHERE t.status = 'open' AND t.ladder IS NOT NULL
          AND ($1::text[] IS NULL OR t.org_unit = ANY($1)) AND ($2::text[] IS NULL OR t.case_id = ANY($2))
        ORDER BY t.created_at, t.id`,
      [scope.unitIds ?? null, caseIds ?? null],
    )) as OpenLadderTask[];
    const reads = new Map<string, boolean>();
    const out: OpenLadderTask[] = [];
    for (const row of rows) {
      const at = `${row.processKey}@${row.version}:${row.nodeId}`;
      if (!reads.has(at)) {
        const def = (await this.services.processes.version(row.processKey, row.version)).content;
        const node = def.nodes.find((n) => n.id === row.nodeId);
        reads.set(at, node?.type === 'task' && node.ladder?.rules?.ruleset === key);
      }
      if (reads.get(at)) out.push(row);
    }
    return out;
  }

  /** How many open tasks, of how many cases, a re-plan would re-time, by process and node. */
  async preview(key: string, principal: Principal) {
    const tasks = await this.openTasks(key, principal);
    const byNode = new Map<string, { processKey: string; version: number; nodeId: string; tasks: number }>();
    for (const t of tasks) {
      const k = `${t.processKey}@${t.version}:${t.nodeId}`;
      const entry = byNode.get(k) ?? { processKey: t.processKey, version: t.version, nodeId: t.nodeId, tasks: 0 };
      entry.tasks++;
      byNode.set(k, entry);
    }
    return { ruleset: key, tasks: tasks.length, cases: new Set(tasks.map((t) => t.caseId)).size, byNode: [...byNode.values()] };
  }

  /**
   * Re-plans the ladders of those cases; `expectedTasks` (the preview's count) refuses with 409 when
   * the open tasks changed since the preview.
   */
  async replan(key: string, body: { caseIds?: string[]; expectedTasks?: number }, principal: Principal) {
    const tasks = await this.openTasks(key, principal, body.caseIds);
    if (body.expectedTasks !== undefined && body.expectedTasks !== tasks.length) {
      throw new ConflictError('replan_preview_stale', `the preview counted ${body.expectedTasks} open task(s) whose ladder reads rule set '${key}'; there are ${tasks.length} now: look again`);
    }
    const caseIds = [...new Set(tasks.map((t) => t.caseId))];
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
      detail: { tasks: tasks.length, cases: caseIds.length, replanned: replanned.length, skipped: cases.filter((c) => c.skipped).map((c) => c.caseId) },
    });
    return { ruleset: key, tasks: tasks.length, replanned: replanned.length, cases };
  }
}

const replanBody = z
  .object({
    caseIds: z.array(caseId).min(1).max(500).optional().describe('Only the open tasks of these cases'),
    expectedTasks: z.number().int().min(0).max(1_000_000).optional().describe("The preview's count of open tasks: 409 when it changed since"),
  })
  .strict();

export function ladderReplanRoutes(service: LadderReplanService) {
  return [
    route({
      method: 'get', path: '/api/rulesets/:key/replan-ladders', tag: 'rulesets', permission: 'ruleset.publish',
      summary: "Preview of a re-plan: how many open tasks (of the caller's org units) have a deadline ladder that reads this rule set, by process and node",
      params: keyParam,
      handle: ({ params, principal }) => service.preview(params.key, principal),
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/replan-ladders', tag: 'rulesets', permission: 'ruleset.publish',
      summary: "Re-time the steps not yet taken of those open tasks' ladders from the rule set's outcome now (steps taken stay taken; a step whose new time is past is taken at once)",
      params: keyParam, body: replanBody,
      handle: ({ params, body, principal }) => service.replan(params.key, body, principal),
    }),
  ];
}
