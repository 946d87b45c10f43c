/** Scheduled starts (GET/POST /api/schedules…): a process started on a calendar or an interval with fixed input. */
import type { LocalizedText } from '../../../language';
import { request, seg } from './client';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ScheduleSpec {
  calendar?: { days?: Weekday[]; hour: number; minute: number }[];
  /** ISO-8601 duration, e.g. PT6H. */
  every?: string;
  timezone: string;
}

export interface Schedule {
  id: string;
  name: LocalizedText;
  processKey: string;
  version?: number;
  orgUnit: string;
  input: Record<string, unknown>;
  spec: ScheduleSpec;
  paused: boolean;
  note?: string;
  createdBy: string;
  nextRuns: string[];
  recentRuns: { scheduledAt: string; startedAt: string; caseId: string; caseExists: boolean }[];
}

export interface ScheduleFields {
  name: LocalizedText;
  processKey: string;
  orgUnit?: string;
  input: Record<string, unknown>;
  spec: ScheduleSpec;
  paused?: boolean;
}

export const listSchedules = () => request<{ items: Schedule[] }>('GET', '/schedules');
export const createSchedule = (fields: ScheduleFields) => request<Schedule>('POST', '/schedules', fields);
export const updateSchedule = (id: string, change: Partial<Pick<ScheduleFields, 'name' | 'spec' | 'input'>>) => request<Schedule>('PUT', `/schedules/${seg(id)}`, change);
export const pauseSchedule = (id: string, paused: boolean) => request<Schedule>('POST', `/schedules/${seg(id)}/${paused ? 'pause' : 'resume'}`, {});
export const triggerSchedule = (id: string) => request<Schedule>('POST', `/schedules/${seg(id)}/trigger`);
export const deleteSchedule = (id: string) => request<{ id: string }>('DELETE', `/schedules/${seg(id)}`);
