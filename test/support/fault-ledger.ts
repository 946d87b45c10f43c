/**
 * What a fault test counts once the dust settles: cases started, completed, lost (not
 * completed), and side effects performed twice (more than one notice for a case's one notify
 * step, or more than the steps there are). Printed, so a run's log holds the figures, and asserted by the tests.
 */

import { Client as PgClient } from 'pg';

/** A way to run SQL on the app's database (a DataSource's query, or a pg client's rows). */
export type Query = (sql: string, params: unknown[]) => Promise<any[]>;

export interface FaultCount {
  started: number;
  completed: number;
  lost: number;
  noticesTwice: number;
}

/** Notices stored per case: `case id → count` (cases with none are absent). */
export async function noticesPerCase(query: Query, caseIds: string[]): Promise<Map<string, number>> {
  const rows: { case_id: string; n: string }[] = await query(`SELECT case_id, count(*) AS n FROM notices WHERE case_id = ANY($1) GROUP BY case_id`, [caseIds]);
  return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
}

/** Counts the cases' ends (`statuses`: case id → status) and their notices (`steps` notify steps per case); logs the line. */
export async function faultCount(fault: string, query: Query, statuses: Map<string, string>, steps = 1): Promise<FaultCount> {
  const ids = [...statuses.keys()];
  const notices = await noticesPerCase(query, ids);
  const count: FaultCount = {
    started: ids.length,
    completed: [...statuses.values()].filter((s) => s === 'completed').length,
    lost: [...statuses.values()].filter((s) => s !== 'completed').length,
    noticesTwice: [...notices.values()].filter((n) => n > steps).length,
  };
  // How the cases that did not complete ended, so a failing run says what became of them.
  const ends: Record<string, number> = {};
  for (const s of statuses.values()) if (s !== 'completed') ends[s] = (ends[s] ?? 0) + 1;
  process.stdout.write(`[fault] ${fault}: ${JSON.stringify(count)}${count.lost ? `; not completed: ${JSON.stringify(ends)}` : ''}\n`);
  return count;
}

/** A connection to the database at `url` for counting; end() closes it. */
export async function countingOn(url: string): Promise<{ query: Query; end(): Promise<void> }> {
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  return { query: async (sql, params) => (await pg.query(sql, params)).rows, end: () => pg.end() };
}
