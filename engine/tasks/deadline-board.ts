/**
 * The deadline board: the open tasks with a deadline in a supervisor's subtree, grouped by org
 * unit, each in one bucket: overdue, due within the next hour, or due later today (the office's
 * day, in its time zone). Counts per unit and bucket, and each unit's soonest tasks. Served by the
 * open-task due index of migration 0013; tasks due after today are not on the board. A task with
 * a deadline ladder shows the ladder's next step (migration 0014). Each unit shows who is on duty
 * there (engine/duty): the people its escalations reach.
 */
import type { DataSource } from 'typeorm';
import type { LocalizedText } from '../../language';
import type { LadderPlanStep } from '../../workflows/activities';
import type { DutyRole } from '../duty/duty-shift';
import { onDutyAt } from '../duty/on-duty';
import type { OrgScope } from '../orgunits/scope';

/** The office's clock: "today" ends at midnight in Huai'an. */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** Rows listed per unit (the counts cover them all). */
const ROWS_PER_UNIT = 10;

export const BUCKETS = ['overdue', 'nextHour', 'today'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface BoardTask {
  id: string;
  caseId: string;
  title: LocalizedText;
  dueAt: string;
  assignee: string | null;
  groupName: string | null;
  priority: number;
  /** Set by a step of its deadline ladder. */
  overdue: boolean;
  /** The next step its ladder will take, when it has one left. */
  nextStep: LadderPlanStep | null;
  bucket: Bucket;
}

/** Someone on duty in a unit on the board (its duty roster, engine/duty). */
export interface BoardDuty {
  username: string;
  displayName: string;
  role: DutyRole;
  endsAt: string;
}

export interface BoardUnit {
  orgUnit: string;
  counts: Record<Bucket, number>;
  tasks: BoardTask[];
  /** Who is on duty in the unit at the board's time, leaders first: whom its escalations reach. */
  onDuty: BoardDuty[];
}

export interface DeadlineBoard {
  /** The board's "now" and the end of the office's day. */
  at: string;
  endOfDay: string;
  totals: Record<Bucket, number>;
  /** Units with most overdue first. */
  units: BoardUnit[];
}

const zero = (): Record<Bucket, number> => ({ overdue: 0, nextHour: 0, today: 0 });

export async function deadlineBoard(db: DataSource, scope: OrgScope, filter: { processKey?: string; orgUnit?: string }): Promise<DeadlineBoard> {
  const [{ at, endOfDay }]: { at: Date; endOfDay: Date }[] = await db.query(
    `SELECT now() AS at, (date_trunc('day', now() AT TIME ZONE $1) + interval '1 day') AT TIME ZONE $1 AS "endOfDay"`,
    [OFFICE_TIME_ZONE],
  );
  // The open tasks due before the day ends, or within the hour when that runs past midnight (a task
  // due at 00:15 is on the board at 23:30), in scope and filtered; each in its bucket ($1 is now).
  const due = `
    SELECT t.*, CASE WHEN t.due_at < $1::timestamptz THEN 'overdue' WHEN t.due_at < $1::timestamptz + interval '1 hour' THEN 'nextHour' ELSE 'today' END AS bucket
    FROM tasks t
    WHERE t.status = 'open' AND t.due_order < GREATEST($2::timestamptz, $1::timestamptz + interval '1 hour') AND ($3::text[] IS NULL OR t.org_unit = ANY($3))
      AND ($4::text IS NULL OR t.process_key = $4) AND ($5::text IS NULL OR t.org_unit = $5)`;
  const params = [at, endOfDay, scope.unitIds ?? null, filter.processKey ?? null, filter.orgUnit ?? null];
  const counts: { orgUnit: string; bucket: Bucket; n: string }[] = await db.query(`SELECT org_unit AS "orgUnit", bucket, count(*) AS n FROM (${due}) d GROUP BY org_unit, bucket`, params);
  const rows: (Omit<BoardTask, 'dueAt'> & { dueAt: Date; orgUnit: string })[] = await db.query(
    `SELECT id, case_id AS "caseId", title, due_at AS "dueAt", assignee, group_name AS "groupName", priority, overdue, ladder -> ladder_steps_taken AS "nextStep", org_unit AS "orgUnit", bucket
     FROM (SELECT d.*, row_number() OVER (PARTITION BY org_unit ORDER BY due_at, id) AS n FROM (${due}) d) ranked
     WHERE n <= $6 ORDER BY org_unit, due_at, id`,
    [...params, ROWS_PER_UNIT],
  );
  const units = new Map<string, BoardUnit>();
  const unit = (id: string) => units.get(id) ?? units.set(id, { orgUnit: id, counts: zero(), tasks: [], onDuty: [] }).get(id)!;
  const totals = zero();
  for (const c of counts) {
    unit(c.orgUnit).counts[c.bucket] = Number(c.n);
    totals[c.bucket] += Number(c.n);
  }
  for (const { orgUnit, dueAt, ...task } of rows) unit(orgUnit).tasks.push({ ...task, dueAt: dueAt.toISOString() });
  for (const p of await onDutyAt(db, [...units.keys()], at.toISOString())) unit(p.orgUnit).onDuty.push({ username: p.username, displayName: p.displayName, role: p.role, endsAt: p.endsAt });
  return {
    at: at.toISOString(),
    endOfDay: endOfDay.toISOString(),
    totals,
    units: [...units.values()].sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts.nextHour - a.counts.nextHour || a.orgUnit.localeCompare(b.orgUnit)),
  };
}
