/**
 * What a finished case's Temporal history tells a benchmark: what the case cost the server (events,
 * round trips, local activities) and how long its tasks waited for a worker (schedule-to-start).
 */
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** What one case costs Temporal, read from its history. */
export interface CaseCost {
  events: number;
  /** Workflow tasks and activity tasks: each is a poll and a completion between worker and server. */
  roundTrips: number;
  localActivities: number;
}

export function costOf(events: HistoryEvent[]): CaseCost {
  const count = (has: (e: HistoryEvent) => unknown) => events.filter((e) => has(e)).length;
  return {
    events: events.length,
    roundTrips: count((e) => e.workflowTaskCompletedEventAttributes) + count((e) => e.activityTaskStartedEventAttributes),
    localActivities: count((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity'),
  };
}

const millis = (t: temporal.api.history.v1.IHistoryEvent['eventTime']) => Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);

/** Milliseconds from each activity's and workflow task's scheduling to its start. */
export function scheduleToStart(events: HistoryEvent[]): number[] {
  const scheduled = new Map<string, number>();
  const out: number[] = [];
  for (const e of events) {
    if (e.activityTaskScheduledEventAttributes || e.workflowTaskScheduledEventAttributes) scheduled.set(String(e.eventId), millis(e.eventTime));
    const started = e.activityTaskStartedEventAttributes ?? e.workflowTaskStartedEventAttributes;
    const at = started && scheduled.get(String(started.scheduledEventId));
    if (at !== undefined && at !== null) out.push(millis(e.eventTime) - at);
  }
  return out;
}
