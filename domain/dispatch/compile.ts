/**
 * Compiles the daily dispatch from what the platform and the domain already keep: the case
 * projection and its node visits, tasks, decisions, and the domain's registrations, release
 * records and escalations. Every count is grouped by district (the second step of the case's
 * org-unit path: a street's case counts for its district) in one query per figure, so a day costs
 * the same few indexed queries whatever the number of districts (migration 0019's indexes).
 * Figures "at the moment" (people in quarantine, tasks past due) are as of the day's end, or now
 * for a day not yet over; figures "that day" count what happened between its start and then.
 */
import type { DataSource } from 'typeorm';
import { dayBounds } from './office-day';
import { emptyFigures, type ScopeFigures } from './figures';

/** A district's (or, with orgUnit the root, the city's) figures. */
export interface CompiledScope {
  orgUnit: string;
  figures: ScopeFigures;
}

export interface CompiledDay {
  day: string;
  /** The moment "at the moment" figures are read at. */
  asOf: Date;
  city: CompiledScope;
  districts: CompiledScope[];
}

/** A row of a grouped count: the district ('' for the city's own units), the figure's item, the count. */
interface Row {
  district: string;
  item: string;
  n: number;
}

const DISTRICT = `split_part(ou.path, '.', 2)`;
/**
 * The org unit of a row's case, through its projection. A case started as a child (a linked case of
 * a ladder step, such as the pharmacy sentinel's community follow-up) is given its parent's unit as
 * it starts (migration 0023); until that write lands, its parent's stands for it.
 */
const CASE_UNIT = (alias: string) =>
  `JOIN case_projection cp ON cp.case_id = ${alias}.case_id LEFT JOIN case_projection pp ON pp.case_id = cp.parent_id JOIN org_units ou ON ou.id = COALESCE(cp.org_unit, pp.org_unit)`;

/** Each figure as [section, query]; {start} is the day's start, {asOf} the report's moment. */
const COUNTS: [keyof ScopeFigures, string][] = [
  [
    'arrivals',
    // The level that decided: the classification's origin risk (from the risk-area list when it named the origin), else the one registered.
    `SELECT ${DISTRICT} AS district, COALESCE(d.facts->>'originRisk', r.details->'origin'->>'risk', 'none') AS item, count(*)::int AS n
       FROM registrations r ${CASE_UNIT('r')}
       LEFT JOIN LATERAL (SELECT facts FROM decisions WHERE case_id = r.case_id AND node_id = 'classify' ORDER BY visit DESC LIMIT 1) d ON true
      WHERE r.context = 'arrival' AND r.created_at >= {start} AND r.created_at < {asOf}
      GROUP BY 1, 2`,
  ],
  [
    'quarantine',
    // A plan begun and neither released nor sent to hospital by then.
    `SELECT ${DISTRICT} AS district, CASE v.node_id WHEN 'centralizedPlan' THEN 'centralized' ELSE 'home' END AS item, count(DISTINCT v.case_id)::int AS n
       FROM case_visits v ${CASE_UNIT('v')}
      WHERE v.process_key = 'arrival-screening' AND v.node_id IN ('centralizedPlan', 'homePlan') AND v.entered_at < {asOf}
        AND (cp.ended_at IS NULL OR cp.ended_at >= {asOf})
        AND NOT EXISTS (SELECT 1 FROM case_visits x WHERE x.case_id = v.case_id AND x.node_id IN ('releaseRecord', 'hospitalSite') AND x.entered_at < {asOf})
      GROUP BY 1, 2`,
  ],
  [
    'releases',
    `SELECT ${DISTRICT} AS district, 'issued' AS item, count(*)::int AS n
       FROM release_records rr ${CASE_UNIT('rr')}
      WHERE rr.issued_at >= {start} AND rr.issued_at < {asOf}
      GROUP BY 1, 2`,
  ],
  [
    'verification138',
    // Tasks not done before the day began and opened by the moment: done or still open past their deadline is overdue.
    `SELECT ${DISTRICT} AS district,
            CASE WHEN least(COALESCE(t.completed_at, 'infinity'::timestamptz), {asOf}) > t.due_at THEN 'overdue'
                 WHEN COALESCE(t.completed_at, 'infinity'::timestamptz) >= {asOf} AND t.due_at < {asOf} + interval '1 hour' THEN 'dueSoon'
                 ELSE 'inTime' END AS item,
            count(*)::int AS n
       FROM tasks t JOIN org_units ou ON ou.id = t.org_unit
      WHERE COALESCE(t.completed_at, 'infinity'::timestamptz) >= {start} AND t.process_key = 'verification-138'
        AND t.due_at IS NOT NULL AND t.status <> 'cancelled' AND t.created_at < {asOf}
      GROUP BY 1, 2`,
  ],
  [
    'pharmacy',
    `SELECT ${DISTRICT} AS district, 'registrations' AS item, count(*)::int AS n
       FROM registrations r ${CASE_UNIT('r')}
      WHERE r.context = 'pharmacy-sale' AND r.created_at >= {start} AND r.created_at < {asOf}
      GROUP BY 1, 2
     UNION ALL
     SELECT ${DISTRICT}, 'followUps', count(*)::int
       FROM escalations e ${CASE_UNIT('e')}
      WHERE e.created_at >= {start} AND e.created_at < {asOf} AND e.reason = 'sentinel-test-overdue'
      GROUP BY 1, 2`,
  ],
  [
    'schoolAbsences',
    `SELECT ${DISTRICT} AS district, CASE WHEN r.details->>'role' = 'staff' THEN 'staff' ELSE 'pupils' END AS item, count(*)::int AS n
       FROM registrations r ${CASE_UNIT('r')}
      WHERE r.context = 'school-absence' AND r.created_at >= {start} AND r.created_at < {asOf}
      GROUP BY 1, 2`,
  ],
  [
    'keyGroups',
    `SELECT ${DISTRICT} AS district, 'escalated' AS item, count(*)::int AS n
       FROM escalations e ${CASE_UNIT('e')}
      WHERE e.created_at >= {start} AND e.created_at < {asOf} AND e.reason = 'routine-test-overdue'
      GROUP BY 1, 2`,
  ],
  [
    'overdueItems',
    `SELECT ${DISTRICT} AS district, 'tasks' AS item, count(*)::int AS n
       FROM tasks t JOIN org_units ou ON ou.id = t.org_unit
      WHERE COALESCE(t.completed_at, 'infinity'::timestamptz) >= {asOf} AND t.due_at < {asOf} AND t.created_at < {asOf} AND t.status <> 'cancelled'
      GROUP BY 1, 2
     UNION ALL
     SELECT ${DISTRICT}, 'escalations', count(*)::int
       FROM escalations e ${CASE_UNIT('e')}
      WHERE e.created_at >= {start} AND e.created_at < {asOf}
      GROUP BY 1, 2`,
  ],
];

/**
 * 应检尽检 per key group: members enrolled at the moment (a key-group case running then), and those
 * past their test: reminded (the interval ran out with no result) and no result recorded since.
 */
const COVERAGE = `
  WITH enrolled AS (
    SELECT cp.case_id, ${DISTRICT} AS district, COALESCE(g.grp, '') AS grp
      FROM case_projection cp JOIN org_units ou ON ou.id = cp.org_unit
      LEFT JOIN LATERAL (SELECT details->>'group' AS grp FROM registrations WHERE case_id = cp.case_id AND context = 'key-group' LIMIT 1) g ON true
     WHERE cp.process_key = 'key-group-testing' AND cp.started_at < {asOf} AND (cp.ended_at IS NULL OR cp.ended_at >= {asOf})
  ), latest AS (
    SELECT en.*,
           (SELECT max(entered_at) FROM case_visits WHERE case_id = en.case_id AND node_id = 'remind' AND entered_at < {asOf}) AS reminded,
           (SELECT max(entered_at) FROM case_visits WHERE case_id = en.case_id AND node_id = 'record' AND entered_at < {asOf}) AS tested
      FROM enrolled en
  )
  SELECT district, grp AS "group", count(*)::int AS enrolled,
         count(*) FILTER (WHERE reminded > COALESCE(tested, '-infinity'::timestamptz))::int AS overdue
    FROM latest
   GROUP BY 1, 2`;

/** A query with its {start} and {asOf} as numbered parameters: only those it reads, as PostgreSQL types each from its use. */
function bind(sql: string, values: { start: Date; asOf: Date }): [string, Date[]] {
  const names: ('start' | 'asOf')[] = [];
  const text = sql.replace(/\{(start|asOf)\}/g, (_, name: 'start' | 'asOf') => {
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}::timestamptz`;
  });
  return [text, names.map((n) => values[n])];
}

/** The figures of a day, for the city and each of its districts (the root's children), as of `now` at the latest. */
export async function compileDay(db: DataSource, day: string, now = new Date()): Promise<CompiledDay> {
  const { start, end } = dayBounds(day);
  const asOf = end < now ? end : now;
  const units: { id: string; parent_id: string | null }[] = await db.query(`SELECT id, parent_id FROM org_units WHERE parent_id IS NULL OR parent_id = (SELECT id FROM org_units WHERE parent_id IS NULL) ORDER BY created_at, id`);
  const root = units.find((u) => u.parent_id === null)!;
  const city: CompiledScope = { orgUnit: root.id, figures: emptyFigures() };
  const districts = new Map(units.filter((u) => u !== root).map((u) => [u.id, { orgUnit: u.id, figures: emptyFigures() } as CompiledScope]));
  const targets = (district: string) => [city, ...(districts.has(district) ? [districts.get(district)!] : [])];

  for (const [section, sql] of COUNTS) {
    const rows: Row[] = await db.query(...bind(sql, { start, asOf }));
    for (const row of rows) {
      for (const scope of targets(row.district)) {
        const figures = scope.figures[section] as unknown as Record<string, number>;
        // An item outside the schema (a risk level the list does not know) counts as the section's last, catch-all item.
        const item = row.item in figures ? row.item : Object.keys(figures).at(-1)!;
        figures[item] += row.n;
      }
    }
  }
  const coverage: { district: string; group: string; enrolled: number; overdue: number }[] = await db.query(...bind(COVERAGE, { start, asOf }));
  for (const row of coverage) {
    for (const scope of targets(row.district)) {
      scope.figures.keyGroups.enrolled += row.enrolled;
      scope.figures.keyGroups.overdue += row.overdue;
      const line = scope.figures.coverage.find((c) => c.group === row.group);
      if (line) {
        line.enrolled += row.enrolled;
        line.overdue += row.overdue;
      } else scope.figures.coverage.push({ group: row.group, enrolled: row.enrolled, overdue: row.overdue });
    }
  }
  for (const scope of [city, ...districts.values()]) scope.figures.coverage.sort((a, b) => b.overdue - a.overdue || a.group.localeCompare(b.group));
  return { day, asOf, city, districts: [...districts.values()] };
}
