/**
 * The interpreter's own activities: rule decisions, human tasks, and pinning a
 * subprocess's version. All I/O the workflow needs happens here.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { DecisionRequest, DecisionResult, EngineActivities, OpenTaskRequest, ProcessSnapshot } from '../../workflows/activities';
import { evaluateRuleSet, getCompiled, MissingFactsError } from '../../rules/engine';
import { DecisionEntity } from '../decisions/decision.entity';
import { UserError } from '../errors';
import { TaskEntity } from '../tasks/task.entity';
import type { Services } from '../services';
import { snapshotOf } from '../processes/snapshot';

export function engineActivities(services: Services): EngineActivities {
  const { db } = services;
  return {
    async evaluateDecision(req: DecisionRequest): Promise<DecisionResult> {
      let published;
      try {
        // "Rules are hot": without a pinned version, the version published now decides.
        published = await services.rulesets.version(req.ruleset, req.version);
      } catch (err) {
        if (err instanceof UserError) throw ApplicationFailure.nonRetryable(err.message, 'RuleSetNotFound');
        throw err;
      }
      const compiled = getCompiled(req.ruleset, published.version, published.content, published.hash);
      let result;
      try {
        result = await evaluateRuleSet(compiled, req.facts);
      } catch (err) {
        if (err instanceof MissingFactsError) throw ApplicationFailure.nonRetryable(err.message, 'MissingFacts', { facts: err.facts });
        throw err;
      }
      const key = { instanceId: req.meta.caseId, nodeId: `${req.meta.nodeId}#${req.meta.visit}` };
      // A retried attempt must not record the decision twice.
      if (!(await db.getRepository(DecisionEntity).existsBy(key))) {
        await db.getRepository(DecisionEntity).insert({
          ...key,
          rulesetKey: req.ruleset,
          rulesetVersion: published.version,
          facts: result.facts,
          events: result.events,
          outcome: result.outcome,
          trace: result.trace,
        });
      }
      return { outcome: result.outcome, events: result.events, params: result.events[0]?.params ?? {}, rulesetVersion: published.version };
    },

    async openTask(req: OpenTaskRequest): Promise<void> {
      await db
        .createQueryBuilder()
        .insert()
        .into(TaskEntity)
        .values({
          id: req.taskId,
          instanceId: req.meta.caseId,
          nodeId: req.meta.nodeId,
          title: req.title,
          form: req.form ?? null,
          role: req.role ?? null,
          groupName: req.group ?? null,
          status: 'open',
        })
        .orIgnore()
        .execute();
    },

    async cancelOpenTasks({ caseId }: { caseId: string }): Promise<void> {
      await db.getRepository(TaskEntity).update({ instanceId: caseId, status: 'open' }, { status: 'cancelled', completedAt: new Date() });
    },

    async resolveProcess({ process, version }: { process: string; version?: number }): Promise<ProcessSnapshot> {
      try {
        return await snapshotOf(services, process, version);
      } catch (err) {
        if (err instanceof UserError) throw ApplicationFailure.nonRetryable(err.message, 'ProcessNotFound');
        throw err;
      }
    },
  };
}
