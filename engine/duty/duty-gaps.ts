/**
 * The duty-gap report (policy 27: 对各单位值班值守情况开展督查，及时通报存在问题): for a unit and a
 * period, the stretches with no one on duty, for each role and for both together. Pure: the
 * service reads the shifts, this folds them, so the arithmetic is tested without a database.
 */
import type { DutyRole } from './duty-shift';

export interface Span {
  from: string;
  to: string;
}

export interface UnitGaps {
  orgUnit: string;
  /** No leader on duty (带班领导缺位). */
  leader: Span[];
  /** No staff on duty (值班人员缺位). */
  staff: Span[];
  /** Nobody at all on duty: the 24-hour duty broken. */
  nobody: Span[];
  /** Each list's total, in hours (two decimals). */
  hours: { leader: number; staff: number; nobody: number };
}

interface ShiftSpan {
  role: DutyRole;
  startsAt: string;
  endsAt: string;
}

/** The parts of [from, to) that none of `covers` covers, in order. */
export function uncovered(from: string, to: string, covers: readonly { startsAt: string; endsAt: string }[]): Span[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const sorted = covers.map((c) => [Date.parse(c.startsAt), Date.parse(c.endsAt)] as const).sort((a, b) => a[0] - b[0]);
  const gaps: Span[] = [];
  let reached = start;
  for (const [s, e] of sorted) {
    if (e <= reached) continue;
    if (s >= end) break;
    if (s > reached) gaps.push({ from: new Date(reached).toISOString(), to: new Date(s).toISOString() });
    reached = Math.max(reached, e);
  }
  if (reached < end) gaps.push({ from: new Date(reached).toISOString(), to: new Date(end).toISOString() });
  return gaps;
}

const totalHours = (spans: Span[]) => Math.round((spans.reduce((sum, s) => sum + Date.parse(s.to) - Date.parse(s.from), 0) / 3_600_000) * 100) / 100;

/** The gaps of one unit's roster over [from, to). */
export function gapsOf(orgUnit: string, from: string, to: string, shifts: readonly ShiftSpan[]): UnitGaps {
  const leader = uncovered(from, to, shifts.filter((s) => s.role === 'leader'));
  const staff = uncovered(from, to, shifts.filter((s) => s.role === 'staff'));
  const nobody = uncovered(from, to, shifts);
  return { orgUnit, leader, staff, nobody, hours: { leader: totalHours(leader), staff: totalHours(staff), nobody: totalHours(nobody) } };
}
