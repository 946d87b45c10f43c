/**
 * When a schedule runs, as an administrator writes it: times of day on chosen weekdays, or a fixed
 * interval, in a time zone (Asia/Shanghai unless said). Kept in this shape in the schedule's memo
 * (what the API answers and the form edits) and turned into Temporal's spec when saved.
 */
import type { ScheduleSpec } from '@temporalio/client';
import { z } from 'zod';
import { durationMs, parseDuration } from '../../workflows/definition/duration';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** Shorter intervals than this start cases faster than anyone could follow them (Temporal itself allows 1 s). */
const SHORTEST_INTERVAL_MS = 5_000;

const timeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not an IANA time zone such as Asia/Shanghai' },
  );

const interval = z.string().max(40).superRefine((text, ctx) => {
  const parsed = parseDuration(text);
  if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  else if (parsed.ms < SHORTEST_INTERVAL_MS) ctx.addIssue({ code: 'custom', message: `must be at least ${SHORTEST_INTERVAL_MS / 1000} seconds` });
});

const calendarEntry = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7).optional().describe('Weekdays it runs on; every day when absent'),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59),
  })
  .strict();

export const scheduleSpec = z
  .object({
    calendar: z.array(calendarEntry).min(1).max(20).optional().describe('Times of day, e.g. [{days: ["MONDAY"], hour: 8, minute: 0}]'),
    every: interval.optional().describe('A fixed interval as an ISO-8601 duration, e.g. P1D or PT6H'),
    timezone: timeZone.default('Asia/Shanghai'),
  })
  .strict()
  .refine((s) => s.calendar !== undefined || s.every !== undefined, { message: 'give a calendar, an interval (every) or both' });

export type ScheduleSpecInput = z.infer<typeof scheduleSpec>;

/** Temporal's spec for ours. */
export function temporalSpec(spec: ScheduleSpecInput): ScheduleSpec {
  return {
    calendars: spec.calendar?.map((c) => ({ dayOfWeek: c.days ?? '*', hour: c.hour, minute: c.minute })),
    intervals: spec.every === undefined ? undefined : [{ every: durationMs(spec.every) }],
    timezone: spec.timezone,
  };
}
