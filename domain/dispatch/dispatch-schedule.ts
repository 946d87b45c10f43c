/**
 * The daily dispatch's Temporal Schedule, kept by the API at DAILY_REPORT_HOUR: every day at that
 * hour (Asia/Shanghai) it starts a case of `daily-dispatch`, which compiles the day before and
 * keeps it once. It is an ordinary scheduled start (engine/schedules): it lists among the city's
 * schedules, where an administrator can pause it or run it now; its hour follows the
 * configuration, set again at each start of the API. With DAILY_REPORT_HOUR=off the API leaves
 * whatever schedule there is alone.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { rootId } from '../../engine/orgunits/case-unit';
import { temporalSpec, type ScheduleSpecInput } from '../../engine/schedules/schedule-spec';
import type { Services } from '../../engine/services';
import { SCHEDULED_START_WORKFLOW_TYPE, type ScheduledStart } from '../../workflows/scheduled-start';

/** A fixed id in the shape of the schedules the API makes, so it is listed and managed with them. */
export const DAILY_DISPATCH_SCHEDULE = 'epi-schedule-0da11d15-a7c4-4000-8000-000000000001';
const PROCESS = 'daily-dispatch';
const NAME = { zh: '每日调度报告', en: 'Daily dispatch report' };

/** Keeps the schedule at the configured hour; a failure is logged, not fatal: the API serves on, and its next start tries again. */
export async function keepDispatchSchedule(services: Services, client: Client): Promise<void> {
  const hour = services.config.reports.dailyHour;
  if (hour === undefined) return;
  try {
    await keep(services, client, hour);
  } catch (err) {
    services.log.error({ schedule: DAILY_DISPATCH_SCHEDULE, err: (err as Error).message }, 'the daily dispatch schedule could not be kept; no report will be compiled on schedule until the API starts again');
  }
}

async function keep(services: Services, client: Client, hour: number): Promise<void> {
  const spec: ScheduleSpecInput = { calendar: [{ hour, minute: 0 }], timezone: 'Asia/Shanghai' };
  const start: ScheduledStart = { scheduleId: DAILY_DISPATCH_SCHEDULE, processKey: PROCESS, input: {}, orgUnit: await rootId(services.db) };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: SCHEDULED_START_WORKFLOW_TYPE,
    taskQueue: services.config.temporal.taskQueue,
    workflowId: DAILY_DISPATCH_SCHEDULE,
    args: [start],
    memo: { schedule: { name: NAME, spec, createdBy: 'system' } },
  };
  const handle = client.schedule.getHandle(DAILY_DISPATCH_SCHEDULE);
  try {
    await handle.update((prev) => ({ ...prev, spec: temporalSpec(spec), action }));
    return;
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  try {
    await client.schedule.create({
      scheduleId: DAILY_DISPATCH_SCHEDULE,
      spec: temporalSpec(spec),
      action,
      // A morning missed while Temporal was down is still compiled when it returns that day.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
    });
  } catch (err) {
    // Another API process made it meanwhile.
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  services.log.info({ schedule: DAILY_DISPATCH_SCHEDULE, hour }, 'daily dispatch scheduled');
}
