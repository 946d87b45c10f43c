/**
 * A shift of an org unit's duty roster (policy 25 of docs/policies.md: 领导干部到岗带班、关键岗位24小时值班):
 * one account on duty for the unit from a start to an end, as the leader on duty (带班领导) or the
 * staff on duty (值班人员). The request schemas here are the one definition the routes, the
 * OpenAPI document and the service's types are drawn from.
 */
import { z } from 'zod';
import { USERNAME } from '../auth/users';
import { orgUnitId } from '../orgunits/org-unit-id';

export const DUTY_ROLES = ['leader', 'staff'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

/** The roster's clock: a time written without an offset is read in Huai'an (China keeps one offset all year). */
export const DUTY_TIME_ZONE = 'Asia/Shanghai';
const DUTY_OFFSET = '+08:00';

/** Longest shift accepted: a week (a typo in a year would otherwise block the unit's roster). */
export const MAX_SHIFT_HOURS = 7 * 24;
/** Longest period a roster listing or a gap report covers. */
export const MAX_PERIOD_DAYS = 62;

/** A date and time, its seconds and its offset optional: the seconds are filled in, a missing offset is Asia/Shanghai's. */
const PARTS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** An instant: ISO 8601 with its offset, or a local date and time read in Asia/Shanghai; handed on in UTC. */
export const dutyTime = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const m = PARTS.exec(text);
    const full = m ? `${m[1]}${m[2] ?? ':00'}${m[3] ?? DUTY_OFFSET}` : text;
    const parsed = z.iso.datetime({ offset: true }).safeParse(full);
    const at = new Date(full);
    if (!parsed.success || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 2000 || at.getUTCFullYear() > 2999) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date and time (e.g. 2026-11-30T08:00+08:00, or 2026-11-30T08:00 in Asia/Shanghai)' });
      return z.NEVER;
    }
    return at.toISOString();
  })
  .describe('An ISO 8601 date and time; without an offset it is read in Asia/Shanghai');

const username = z.string().trim().toLowerCase().pipe(z.string().regex(USERNAME, 'is not a username'));

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/** A shift's end comes after its start, and within a week of it. */
function checkSpan(b: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx): void {
  if (b.startsAt === undefined || b.endsAt === undefined) return;
  if (hours(b.startsAt, b.endsAt) <= 0) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  else if (hours(b.startsAt, b.endsAt) > MAX_SHIFT_HOURS) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `a shift lasts at most ${MAX_SHIFT_HOURS} hours` });
}

const fields = {
  username: username.describe('The account on duty'),
  role: z.enum(DUTY_ROLES).describe('leader: 带班领导 (leader on duty); staff: 值班人员 (staff on duty)'),
  startsAt: dutyTime,
  endsAt: dutyTime,
  note: z.string().trim().max(200).default('').describe('A phone extension, a desk: what the roster should say'),
};

export const newShift = z.object({ orgUnit: orgUnitId, ...fields }).strict().superRefine(checkSpan);
export type NewShift = z.infer<typeof newShift>;

export const shiftChange = z
  .object({ username: fields.username.optional(), role: fields.role.optional(), startsAt: dutyTime.optional(), endsAt: dutyTime.optional(), note: z.string().trim().max(200).optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of username, role, startsAt, endsAt, note' })
  .superRefine(checkSpan);
export type ShiftChange = z.infer<typeof shiftChange>;

export const shiftParam = z.object({ id: z.uuid('is not a shift id') }).strict();

/** A period [from, to) of a listing or report: its two ends. */
export const periodFields = { from: dutyTime, to: dutyTime };

/** A period's `to` comes after its `from`, at most MAX_PERIOD_DAYS later. */
export function checkPeriod(p: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const h = hours(p.from, p.to);
  if (h <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (h > MAX_PERIOD_DAYS * 24) ctx.addIssue({ code: 'custom', path: ['to'], message: `a period covers at most ${MAX_PERIOD_DAYS} days` });
}

/** A shift as the API answers it. */
export const shiftView = z.object({
  id: z.uuid(),
  orgUnit: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(DUTY_ROLES),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string(),
});
export type ShiftView = z.infer<typeof shiftView>;
