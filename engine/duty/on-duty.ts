/**
 * Who is on duty: the accounts whose shift in a unit's roster covers a moment. Read by the
 * roster's "now" answer, the deadline board, the deadline ladder's notices to a unit's duty
 * (engine/tasks/ladder-steps.ts) and the notify activity's, so all of them agree on who that is. A disabled account is on
 * no one's duty: a notice to it would reach nobody.
 */
import type { EntityManager } from 'typeorm';
import type { Locale } from '../auth/users';
import type { Recipient } from '../notices/notice.entity';
import type { DutyRole } from './duty-shift';

export interface OnDuty {
  orgUnit: string;
  username: string;
  displayName: string;
  locale: Locale;
  role: DutyRole;
  shiftId: string;
  endsAt: string;
}

/** The people on duty in each of `units` at `at` (the database's clock when absent), leaders first. */
export async function onDutyAt(m: Pick<EntityManager, 'query'>, units: readonly string[], at?: string): Promise<OnDuty[]> {
  if (units.length === 0) return [];
  const rows: (Omit<OnDuty, 'endsAt'> & { endsAt: Date })[] = await m.query(
    `SELECT s.org_unit AS "orgUnit", s.username, u.display_name AS "displayName", u.locale, s.role, s.id AS "shiftId", s.ends_at AS "endsAt"
       FROM duty_shifts s JOIN users u ON u.username = s.username
      WHERE s.org_unit = ANY($1) AND NOT u.disabled
        AND s.starts_at <= coalesce($2::timestamptz, now()) AND s.ends_at > coalesce($2::timestamptz, now())
      ORDER BY s.org_unit, s.role, s.starts_at, s.username`,
    [units, at ?? null],
  );
  return rows.map((r) => ({ ...r, endsAt: r.endsAt.toISOString() }));
}

/**
 * The notices a message to a unit's duty becomes (the notify activity's `{type: 'duty', id: group}`):
 * one to each person on duty now, or, with nobody on duty, one to `fallbackGroup` that says so,
 * so the message is never lost.
 */
export async function dutyNotices(m: Pick<EntityManager, 'query'>, orgUnit: string, fallbackGroup: string): Promise<{ recipient: Recipient; params: Record<string, unknown> }[]> {
  const onDuty = await onDutyAt(m, [orgUnit]);
  if (onDuty.length === 0) return [{ recipient: { type: 'group', id: fallbackGroup }, params: { orgUnit, duty: null, noneOnDuty: true } }];
  return onDuty.map((p) => ({ recipient: { type: 'user', id: p.username }, params: { orgUnit, duty: p.role } }));
}
