/**
 * The sandbox worker's activities (workflows/dry-run.ts): the engine calls a dry run makes, with
 * nothing written. A decision is evaluated as a case's would be and answers its facts and trace
 * instead of recording them; a subprocess's version is read. Everything that would write (a task,
 * an incident, a ladder step's notices) refuses: the dry-run interpreter never asks for them, and
 * the domain's activities are not registered here at all, so no adapter and no notice outbox can
 * be reached from a dry run.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { DecisionRequest, DecisionResult, EngineActivities } from '../../workflows/activities';
import { decide, engineActivities } from '../activities/engine-activities';
import type { Services } from '../services';

const refused = (what: string) => () => Promise.reject(ApplicationFailure.nonRetryable(`a dry run does not ${what}`, 'DryRunRefused'));

export function dryRunActivities(services: Services): EngineActivities {
  return {
    async evaluateDecision(req: DecisionRequest): Promise<DecisionResult> {
      const { published, result } = await decide(services, req);
      return { outcome: result.outcome, events: result.events, params: result.events[0]?.params ?? {}, rulesetVersion: published.version, facts: result.facts, trace: result.trace };
    },
    resolveProcess: engineActivities(services).resolveProcess,
    openTask: refused('open tasks'),
    openIncident: refused('open incidents'),
    cancelOpenTasks: refused('cancel tasks'),
    climbLadder: refused('climb deadline ladders'),
  };
}
