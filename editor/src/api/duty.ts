/** The duty roster (engine/duty, /api/duty): shifts of an org unit, who is on duty now, and the gap report. */
import { request } from './client';

export const DUTY_ROLES = ['leader', 'staff'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

export interface Shift {
  id: string;
  orgUnit: string;
  username: string;
  displayName: string;
  role: DutyRole;
  startsAt: string;
  endsAt: string;
  note: string;
}

/** What a shift is made of; times as `YYYY-MM-DDTHH:mm` (read in Asia/Shanghai by the API) or ISO instants. */
export interface ShiftFields {
  username: string;
  role: DutyRole;
  startsAt: string;
  endsAt: string;
  note: string;
}

export interface OnDutyPerson {
  username: string;
  displayName: string;
  role: DutyRole;
  endsAt: string;
}

export interface UnitDuty {
  orgUnit: string;
  leaders: OnDutyPerson[];
  staff: OnDutyPerson[];
}

export interface Span {
  from: string;
  to: string;
}

export interface UnitGaps {
  orgUnit: string;
  leader: Span[];
  staff: Span[];
  nobody: Span[];
  hours: { leader: number; staff: number; nobody: number };
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

export const rosterOf = (orgUnit: string, from: string, to: string) => request<{ shifts: Shift[] }>('GET', `/duty/shifts?${q({ orgUnit, from, to })}`).then((r) => r.shifts);
export const addShift = (orgUnit: string, fields: ShiftFields) => request<Shift>('POST', '/duty/shifts', { orgUnit, ...fields });
export const changeShift = (id: string, fields: Partial<ShiftFields>) => request<Shift>('PUT', `/duty/shifts/${encodeURIComponent(id)}`, fields);
export const removeShift = (id: string) => request<{ removed: string }>('DELETE', `/duty/shifts/${encodeURIComponent(id)}`);
export const onDutyNow = (orgUnit: string) => request<{ at: string; units: UnitDuty[] }>('GET', `/duty/now?${q({ orgUnit })}`).then((r) => r.units[0]);
export const dutyGaps = (orgUnit: string, from: string, to: string) => request<{ units: UnitGaps[] }>('GET', `/duty/gaps?${q({ orgUnit, from, to })}`).then((r) => r.units[0]);
