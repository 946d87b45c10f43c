/**
 * The duty roster per org unit: list a period, add, change and remove shifts, who is on duty now,
 * and the gaps in a period. A unit's roster is seen and edited only by callers whose scope holds
 * the unit (as its cases and tasks); a shift outside answers 404, as one that does not exist.
 * Shifts of one role in one unit never overlap: each edit takes the unit's lock, looks for a
 * clash and refuses it (409 duty_overlap naming the shift it clashes with). Every edit is audited
 * in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '../../language';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError, UserError, ValidationError } from '../errors';
import { scopeOf, type OrgScope } from '../orgunits/scope';
import { gapsOf, type UnitGaps } from './duty-gaps';
import { MAX_SHIFT_HOURS, type NewShift, type ShiftChange, type ShiftView } from './duty-shift';
import { onDutyAt, type OnDuty } from './on-duty';

/** Arbitrary, fixed: the first key of a unit's roster lock among PostgreSQL advisory locks (the second is the unit's hash). */
const ROSTER_LOCK = 7_274_018;

const SHIFT_COLUMNS = `s.id, s.org_unit AS "orgUnit", s.username, u.display_name AS "displayName", s.role, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.note`;

type ShiftRow = Omit<ShiftView, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date };

const view = (r: ShiftRow): ShiftView => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() });

/** Who is on duty in a unit, as "now" and the deadline board answer it. */
export interface UnitDuty {
  orgUnit: string;
  name: LocalizedText;
  leaders: OnDuty[];
  staff: OnDuty[];
}

export class DutyService {
  constructor(private readonly db: DataSource) {}

  /** The shifts of `orgUnit` that overlap [from, to), by start. */
  async roster(q: { orgUnit: string; from: string; to: string }, principal: Principal): Promise<{ orgUnit: string; from: string; to: string; shifts: ShiftView[] }> {
    await this.unitInScope(q.orgUnit, await scopeOf(this.db, principal), 'query');
    const rows: ShiftRow[] = await this.db.query(
      `SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN users u ON u.username = s.username
        WHERE s.org_unit = $1 AND s.starts_at < $3 AND s.ends_at > $2 ORDER BY s.starts_at, s.role, s.username`,
      [q.orgUnit, q.from, q.to],
    );
    return { ...q, shifts: rows.map(view) };
  }

  async create(body: NewShift, principal: Principal): Promise<ShiftView> {
    await this.unitInScope(body.orgUnit, await scopeOf(this.db, principal), 'body');
    const id = randomUUID();
    return this.edit(body.orgUnit, async (m) => {
      await this.accountOnDuty(m, body.username);
      await this.refuseOverlap(m, { ...body, id });
      await m.query(
        `INSERT INTO duty_shifts (id, org_unit, username, role, starts_at, ends_at, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, body.orgUnit, body.username, body.role, body.startsAt, body.endsAt, body.note, principal.username],
      );
      const shift = await this.shift(m, id);
      await appendAudit(m, { actor: principal.username, action: 'create', kind: 'duty_shift', key: id, detail: { ...body } });
      return shift;
    });
  }

  async update(id: string, change: ShiftChange, principal: Principal): Promise<ShiftView> {
    const before = await this.visible(id, principal);
    return this.edit(before.orgUnit, async (m) => {
      const current = await this.shift(m, id);
      const after = { ...current, ...change };
      const hours = (Date.parse(after.endsAt) - Date.parse(after.startsAt)) / 3_600_000;
      if (hours <= 0 || hours > MAX_SHIFT_HOURS) {
        throw new ValidationError('invalid_body', 'the request body is invalid', [
          { path: change.endsAt !== undefined ? 'body/endsAt' : 'body/startsAt', code: 'custom', message: hours <= 0 ? 'the shift would end before it starts' : `a shift lasts at most ${MAX_SHIFT_HOURS} hours` },
        ]);
      }
      if (change.username !== undefined) await this.accountOnDuty(m, change.username);
      await this.refuseOverlap(m, after);
      await m.query(`UPDATE duty_shifts SET username = $2, role = $3, starts_at = $4, ends_at = $5, note = $6, updated_at = now() WHERE id = $1`, [
        id, after.username, after.role, after.startsAt, after.endsAt, after.note,
      ]);
      const shift = await this.shift(m, id);
      await appendAudit(m, { actor: principal.username, action: 'update', kind: 'duty_shift', key: id, detail: { orgUnit: current.orgUnit, before: pick(current, change), after: pick(shift, change) } });
      return shift;
    });
  }

  async remove(id: string, principal: Principal): Promise<{ removed: string }> {
    const before = await this.visible(id, principal);
    return this.edit(before.orgUnit, async (m) => {
      const [, affected] = (await m.query(`DELETE FROM duty_shifts WHERE id = $1`, [id])) as [unknown, number];
      if (!affected) throw new NotFoundError('duty shift', id);
      const { id: _, displayName: __, ...detail } = before;
      await appendAudit(m, { actor: principal.username, action: 'remove', kind: 'duty_shift', key: id, detail });
      return { removed: id };
    });
  }

  /** Who is on duty at `at` (now when absent) in `orgUnit`, or in every unit of the caller's scope. */
  async onDuty(q: { orgUnit?: string; at?: string }, principal: Principal): Promise<{ at: string; units: UnitDuty[] }> {
    const scope = await scopeOf(this.db, principal);
    if (q.orgUnit !== undefined) await this.unitInScope(q.orgUnit, scope, 'query');
    const units = q.orgUnit !== undefined ? [q.orgUnit] : await this.unitsIn(scope);
    const [{ at }]: { at: Date }[] = await this.db.query(`SELECT coalesce($1::timestamptz, now()) AS at`, [q.at ?? null]);
    return { at: at.toISOString(), units: await dutyOfUnits(this.db, units, at.toISOString()) };
  }

  /** The gaps in the rosters of `orgUnit` (or every unit of the caller's scope) over [from, to). */
  async gaps(q: { orgUnit?: string; from: string; to: string }, principal: Principal): Promise<{ from: string; to: string; units: UnitGaps[] }> {
    const scope = await scopeOf(this.db, principal);
    if (q.orgUnit !== undefined) await this.unitInScope(q.orgUnit, scope, 'query');
    const units = q.orgUnit !== undefined ? [q.orgUnit] : await this.unitsIn(scope);
    const shifts: { orgUnit: string; role: 'leader' | 'staff'; startsAt: Date; endsAt: Date }[] = await this.db.query(
      `SELECT org_unit AS "orgUnit", role, starts_at AS "startsAt", ends_at AS "endsAt" FROM duty_shifts WHERE org_unit = ANY($1) AND starts_at < $3 AND ends_at > $2`,
      [units, q.from, q.to],
    );
    const of = (unit: string) => shifts.filter((s) => s.orgUnit === unit).map((s) => ({ role: s.role, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
    return { from: q.from, to: q.to, units: units.map((u) => gapsOf(u, q.from, q.to, of(u))).sort((a, b) => b.hours.nobody - a.hours.nobody || a.orgUnit.localeCompare(b.orgUnit)) };
  }

  /** The unit must exist (422/400 naming `orgUnit`) and lie inside the caller's scope (403: the tree is no secret). */
  private async unitInScope(unit: string, scope: OrgScope, part: 'body' | 'query'): Promise<void> {
    const [known] = (await this.db.query(`SELECT id FROM org_units WHERE id = $1`, [unit])) as { id: string }[];
    const path = `${part}/orgUnit`;
    if (!known) throw new ValidationError('unknown_org_unit', `org unit '${unit}' does not exist`, [{ path, code: 'unknown', message: 'names no org unit' }], part === 'body' ? 422 : 400);
    if (!scope.includes(unit)) throw new UserError(403, 'org_unit_forbidden', `org unit '${unit}' lies outside your org units`, [{ path, code: 'outside_scope', message: 'lies outside your org units' }]);
  }

  /** The units of a scope, in the tree's order. */
  private async unitsIn(scope: OrgScope): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM org_units WHERE $1::text[] IS NULL OR id = ANY($1) ORDER BY path`, [scope.unitIds ?? null]);
    return rows.map((r) => r.id);
  }

  /** A shift the caller may see; 404 otherwise, whether it is outside their units or does not exist. */
  private async visible(id: string, principal: Principal): Promise<ShiftView> {
    const [row] = (await this.db.query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN users u ON u.username = s.username WHERE s.id = $1`, [id])) as ShiftRow[];
    return (await scopeOf(this.db, principal)).visible(row && view(row), 'duty shift', id);
  }

  private async shift(m: EntityManager, id: string): Promise<ShiftView> {
    const [row] = (await m.query(`SELECT ${SHIFT_COLUMNS} FROM duty_shifts s JOIN users u ON u.username = s.username WHERE s.id = $1`, [id])) as ShiftRow[];
    if (!row) throw new NotFoundError('duty shift', id);
    return view(row);
  }

  /** The account exists and may sign in: a disabled one could not answer the duty phone. */
  private async accountOnDuty(m: EntityManager, username: string): Promise<void> {
    const [account] = (await m.query(`SELECT disabled FROM users WHERE username = $1`, [username])) as { disabled: boolean }[];
    if (!account || account.disabled) {
      throw new ValidationError('unknown_account', `no enabled account is named '${username}'`, [{ path: 'body/username', code: account ? 'disabled' : 'unknown', message: account ? 'is disabled' : 'names no account' }]);
    }
  }

  /** 409 when another shift of the same role in the unit overlaps this one. */
  private async refuseOverlap(m: EntityManager, s: { id: string; orgUnit: string; role: string; startsAt: string; endsAt: string }): Promise<void> {
    const [clash] = (await m.query(
      `SELECT id, username, starts_at AS "startsAt", ends_at AS "endsAt" FROM duty_shifts
        WHERE org_unit = $1 AND role = $2 AND id <> $3 AND starts_at < $5 AND ends_at > $4 ORDER BY starts_at LIMIT 1`,
      [s.orgUnit, s.role, s.id, s.startsAt, s.endsAt],
    )) as { id: string; username: string; startsAt: Date; endsAt: Date }[];
    if (clash) {
      throw new ConflictError(
        'duty_overlap',
        `the ${s.role} shift overlaps shift ${clash.id} of ${clash.username} (${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()}) in ${s.orgUnit}: one ${s.role} on duty at a time`,
      );
    }
  }

  private edit<T>(orgUnit: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ROSTER_LOCK, orgUnit]);
      return work(m);
    });
  }
}

/** The fields a change named, as they were or became (for the audit trail). */
function pick(shift: ShiftView, change: ShiftChange): Record<string, unknown> {
  return Object.fromEntries(Object.keys(change).map((k) => [k, shift[k as keyof ShiftView]]));
}

/** Who is on duty at `at` in each of `units`, leaders and staff apart, with each unit's name. */
export async function dutyOfUnits(db: Pick<EntityManager, 'query'>, units: readonly string[], at?: string): Promise<UnitDuty[]> {
  if (units.length === 0) return [];
  const names: { id: string; name: LocalizedText }[] = await db.query(`SELECT id, name FROM org_units WHERE id = ANY($1)`, [units]);
  const people = await onDutyAt(db, units, at);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return units.map((orgUnit) => {
    const here = people.filter((p) => p.orgUnit === orgUnit);
    return { orgUnit, name: nameOf.get(orgUnit) ?? { zh: orgUnit, en: orgUnit }, leaders: here.filter((p) => p.role === 'leader'), staff: here.filter((p) => p.role === 'staff') };
  });
}
