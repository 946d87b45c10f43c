/**
 * The kept reports (migration 0019): one row per day, org unit and revision. Nothing is ever
 * replaced: the scheduled run keeps a day once (revision 1, and a day that has a report is left
 * alone), a report generated on demand becomes the next revision of each scope.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CompiledDay } from './compile';
import { scopeFigures, type ScopeFigures } from './figures';

export interface StoredReport {
  id: string;
  day: string;
  orgUnit: string;
  revision: number;
  asOf: string;
  generatedAt: string;
  generatedBy: string;
  figures: ScopeFigures;
}

/** How a compiled day is kept: once per day (a schedule's run, however often it runs), or as a new revision. */
export type KeepMode = 'once' | 'revision';

/** Arbitrary, fixed: the advisory lock that keeps two generations of one day from taking the same revision. */
const DAY_LOCK = 7_274_019;

const COLUMNS = `id, to_char(day, 'YYYY-MM-DD') AS day, org_unit AS "orgUnit", revision, as_of AS "asOf", generated_at AS "generatedAt", generated_by AS "generatedBy"`;

type Row = Omit<StoredReport, 'asOf' | 'generatedAt' | 'figures'> & { asOf: Date; generatedAt: Date; figures?: unknown };

function fromRow(row: Row): StoredReport;
function fromRow(row: Row, withFigures: false): Omit<StoredReport, 'figures'>;
function fromRow(row: Row, withFigures = true): StoredReport | Omit<StoredReport, 'figures'> {
  const base = { id: row.id, day: row.day, orgUnit: row.orgUnit, revision: row.revision, asOf: row.asOf.toISOString(), generatedAt: row.generatedAt.toISOString(), generatedBy: row.generatedBy };
  return withFigures ? { ...base, figures: scopeFigures.parse(row.figures) } : base;
}

/** Keeps a compiled day; answers the revision each scope got, or nothing when the day was kept already ('once'). */
export async function keepDay(db: DataSource, compiled: CompiledDay, by: string, mode: KeepMode): Promise<{ revision: number } | undefined> {
  return db.transaction(async (m: EntityManager) => {
    await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [DAY_LOCK, compiled.day]);
    const [{ last }]: { last: number }[] = await m.query(`SELECT COALESCE(max(revision), 0)::int AS last FROM dispatch_reports WHERE day = $1`, [compiled.day]);
    if (mode === 'once' && last > 0) return undefined;
    const revision = last + 1;
    for (const scope of [compiled.city, ...compiled.districts]) {
      await m.query(`INSERT INTO dispatch_reports (id, day, org_unit, revision, figures, as_of, generated_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`, [
        randomUUID(),
        compiled.day,
        scope.orgUnit,
        revision,
        JSON.stringify(scope.figures),
        compiled.asOf,
        by,
      ]);
    }
    return { revision };
  });
}

/** The kept reports of these units (all when undefined), newest day first, without their figures. */
export async function listReports(db: DataSource, units: string[] | undefined, filter: { from?: string; to?: string; limit: number }): Promise<Omit<StoredReport, 'figures'>[]> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM dispatch_reports
      WHERE ($1::text[] IS NULL OR org_unit = ANY($1)) AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day <= $3)
      ORDER BY day DESC, org_unit, revision DESC LIMIT $4`,
    [units ?? null, filter.from ?? null, filter.to ?? null, filter.limit],
  );
  return rows.map((r) => fromRow(r, false));
}

/** A day's reports of these units (all when undefined), each unit's latest revision, or the one asked for. */
export async function reportsOfDay(db: DataSource, day: string, units: string[] | undefined, revision?: number): Promise<StoredReport[]> {
  const rows: Row[] = await db.query(
    `SELECT DISTINCT ON (org_unit) ${COLUMNS}, figures FROM dispatch_reports
      WHERE day = $1 AND ($2::text[] IS NULL OR org_unit = ANY($2)) AND ($3::int IS NULL OR revision = $3)
      ORDER BY org_unit, revision DESC`,
    [day, units ?? null, revision ?? null],
  );
  return rows.map((r) => fromRow(r));
}
