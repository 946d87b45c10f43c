/**
 * The activity behind every scheduled run: starts the case as the schedule itself, a principal
 * that may start cases in the schedule's org unit and nothing else, so the case is scoped,
 * audited ("schedule:<id>" started it) and checked against the process's variables like any other.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ScheduleActivities, ScheduledStart } from '../../workflows/scheduled-start';
import type { Principal } from '../auth/principal';
import { caseIdFor } from '../cases/business-key';
import { CaseService } from '../cases/case.service';
import { ConflictError, UserError } from '../errors';
import { hashSecretOf } from '../privacy/hash-secret';
import type { Services } from '../services';

/** Who a scheduled run acts as. */
export function schedulePrincipal(scheduleId: string, orgUnit: string): Principal {
  return {
    userId: scheduleId,
    username: `schedule:${scheduleId}`,
    roles: [],
    permissions: new Set(['case.start']),
    orgUnits: [orgUnit],
    groups: [],
    via: 'token',
    locale: 'zh-CN',
  };
}

export function scheduleActivities(services: Services): ScheduleActivities {
  const hashSecret = hashSecretOf(services.config);
  return {
    async startScheduledCase(req: ScheduledStart & { runKey: string }) {
      const cases = new CaseService(services, Context.current().client);
      // The run's key is the case's business key: a retry after a start that went through meets
      // the key's case (409) instead of starting a second one.
      const businessKey = req.runKey;
      try {
        const started = await cases.start({ processKey: req.processKey, version: req.version, businessKey, orgUnit: req.orgUnit, input: req.input }, schedulePrincipal(req.scheduleId, req.orgUnit));
        return { caseId: started.caseId };
      } catch (err) {
        if (err instanceof ConflictError && err.code === 'duplicate_business_key') return { caseId: caseIdFor(hashSecret, req.processKey, businessKey).id };
        // A process withdrawn, input the version no longer takes, a unit removed: no retry mends it.
        if (err instanceof UserError && err.status < 500 && err.status !== 409 && err.status !== 429) throw ApplicationFailure.nonRetryable(err.message, 'ScheduledStartRefused', { code: err.code });
        throw err;
      }
    },
  };
}
