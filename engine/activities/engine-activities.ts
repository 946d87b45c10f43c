/**
 * The interpreter's own activities: rule decisions, human tasks, and pinning a
 * subprocess's version. All I/O the workflow needs happens here.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { DecisionRequest, DecisionResult, EngineActivities, OpenIncidentRequest, OpenTaskRequest, ProcessSnapshot } from '../../workflows/activities';
import { evaluateRuleSet, getCompiled, HitPolicyError, MissingFactsError, RuleEvaluationError } from '../../rules/engine';
import { DecisionEntity } from '../decisions/decision.entity';
import { UserError } from '../errors';
import { closeIncidentsOf, refreshIncidentFlag } from '../incidents/case-flag';
import { IncidentEntity } from '../incidents/incident.entity';
import { countDecision } from '../metrics/decisions';
import { unitOfCase } from '../orgunits/case-unit';
import { TaskEntity } from '../tasks/task.entity';
import { noticeAssigned } from '../tasks/task-notices';
import { climbLadder } from '../tasks/ladder-steps';
import type { Services } from '../services';
import { snapshotOf } from '../processes/snapshot';
import { taskFormOf } from '../forms/task-form';
import type { TaskFormRef } from '../../workflows/definition/schema';

/** The form version a task opens with; a form, version or mapped field that is not there fails the task's opening for good (retrying cannot mend it). */
async function designedForm(services: Services, ref: TaskFormRef) {
  try {
    return await taskFormOf(services.forms, ref);
  } catch (err) {
    if (err instanceof UserError) throw ApplicationFailure.nonRetryable(err.message, 'TaskFormUnusable');
    throw err;
  }
}

/** Evaluates a decision as a case would (its rule set version in effect now, unless pinned), recording nothing. */
export async function decide(services: Services, req: DecisionRequest) {
  let published;
  try {
    // "Rules are hot": without a pinned version, the version in effect now decides (a scheduled
    // one from its time on). Read here, not in the workflow, which must replay the same.
    published = req.version === undefined ? await services.rulesets.inEffect(req.ruleset, new Date()) : await services.rulesets.version(req.ruleset, req.version);
  } catch (err) {
    if (err instanceof UserError) throw ApplicationFailure.nonRetryable(err.message, 'RuleSetNotFound');
    throw err;
  }
  const compiled = getCompiled(req.ruleset, published.version, published.content, published.hash);
  try {
    return { published, result: await evaluateRuleSet(compiled, req.facts) };
  } catch (err) {
    if (err instanceof MissingFactsError) throw ApplicationFailure.nonRetryable(err.message, 'MissingFacts', { facts: err.facts });
    // Neither a broken hit policy nor an operator that cannot apply mends by retrying.
    if (err instanceof HitPolicyError || err instanceof RuleEvaluationError) throw ApplicationFailure.nonRetryable(err.message, err.name);
    throw err;
  }
}

export function engineActivities(services: Services): EngineActivities {
  const { db } = services;
  return {
    async evaluateDecision(req: DecisionRequest): Promise<DecisionResult> {
      const { published, result } = await decide(services, req);
      // A retried attempt must not record the decision twice: one row per case, node and visit.
      await db
        .createQueryBuilder()
        .insert()
        .into(DecisionEntity)
        .values({
          caseId: req.meta.caseId,
          nodeId: req.meta.nodeId,
          visit: req.meta.visit,
          rulesetKey: req.ruleset,
          rulesetVersion: published.version,
          facts: result.facts,
          events: result.events,
          outcome: result.outcome,
          trace: result.trace,
        })
        .orIgnore()
        .execute();
      // Counted as the decision is answered (a retry after a lost answer counts again; it is rare).
      countDecision(req.ruleset, result.outcome);
      return { outcome: result.outcome, events: result.events, params: result.events[0]?.params ?? {}, rulesetVersion: published.version };
    },

    async openTask(req: OpenTaskRequest): Promise<void> {
      const orgUnit = await unitOfCase(db, req.meta.caseId);
      const designed = req.formRef && (await designedForm(services, req.formRef));
      const dueAt = req.dueAt ? new Date(req.dueAt) : null;
      await db.transaction(async (m) => {
        await m
          .createQueryBuilder()
          .insert()
          .into(TaskEntity)
          .values({
            id: req.taskId,
            caseId: req.meta.caseId,
            processKey: req.meta.processKey,
            nodeId: req.meta.nodeId,
            title: req.title,
            form: designed?.schema ?? req.form ?? null,
            formRef: designed?.pin ?? null,
            role: req.role ?? null,
            groupName: req.group ?? null,
            status: 'open',
            orgUnit,
            dueAt,
            ladder: req.ladder ?? null,
          })
          .orIgnore()
          .execute();
        // A task opened for a group is assigned to it: its members hear of it (once, a retry finds the notices stored).
        if (req.group) await noticeAssigned(m, { id: req.taskId, caseId: req.meta.caseId, title: req.title, orgUnit, dueAt, revision: 0 }, { group: req.group });
      });
    },

    async openIncident(req: OpenIncidentRequest): Promise<void> {
      const { meta } = req;
      await db.transaction(async (m) => {
        await m
          .createQueryBuilder()
          .insert()
          .into(IncidentEntity)
          .values({
            id: req.incidentId,
            caseId: meta.caseId,
            processKey: meta.processKey,
            version: meta.version,
            nodeId: meta.nodeId,
            visit: meta.visit,
            error: req.error,
            errorType: req.errorType ?? null,
            attempts: req.attempts,
            orgUnit: await unitOfCase(db, meta.caseId),
            status: 'open',
          })
          .orIgnore()
          .execute();
        await refreshIncidentFlag(m, meta.caseId);
      });
    },

    async cancelOpenTasks({ caseId }: { caseId: string }): Promise<void> {
      await db.getRepository(TaskEntity).update({ caseId: caseId, status: 'open' }, { status: 'cancelled', completedAt: new Date() });
      await closeIncidentsOf(db, caseId);
    },

    async resolveProcess({ process, version }: { process: string; version?: number }): Promise<ProcessSnapshot> {
      try {
        return await snapshotOf(services, process, version);
      } catch (err) {
        if (err instanceof UserError) throw ApplicationFailure.nonRetryable(err.message, 'ProcessNotFound');
        throw err;
      }
    },

    async climbLadder(req): Promise<{ taken: boolean }> {
      return { taken: (await climbLadder(db, req)) !== 'closed' };
    },
  };
}
