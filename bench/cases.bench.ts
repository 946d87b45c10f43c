/**
 * The case list, the case page's data and the heatmap at city scale: 100,000 cases and 1,000,000
 * node visits in the case projection (a scratch database on the suite's PostgreSQL server, dropped
 * at the end), queried through the code the API runs (projection/case-list.ts, heatmap.ts).
 * Per query: p50 and p99 of RUNS runs after a warm-up, each a whole answer (the page and its
 * total). Targets: every list query p99 < 200 ms, the case page's data < 100 ms, the heatmap
 * < 300 ms. The plans of the two slowest list queries are printed (EXPLAIN ANALYZE).
 * Run alone: npm run bench cases
 */
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { CaseList, caseListQuery } from '../engine/cases/projection/case-list';
import { heatmapOf } from '../engine/cases/projection/heatmap';
import { openDatabase } from '../engine/db/data-source';
import { OrgScope } from '../engine/orgunits/scope';
import { hashBusinessKey } from '../engine/cases/business-key';
import { scratchDatabase } from '../test/support/scratch-database';
import { percentile, sampleMs } from './rounds';

const CASES = 100_000;
const VISITS_PER_CASE = 10;
/** Runs per query: with 200, p99 is the second-slowest answer, not the slowest. */
const RUNS = 200;
const PROCESSES = 10;
const SECRET = Buffer.from('bench-hash-secret');
const DISTRICTS = ['qingjiangpu', 'huaiyin', 'huaian-district', 'hongze', 'lianshui', 'xuyi', 'jinhu', 'huaian-etdz'];

export interface CasesBenchRow {
  name: string;
  p50: number;
  p99: number;
  target: number;
  /** What the last answer held: rows on the page and the total. */
  answer: string;
}

export interface CasesBench {
  rows: CasesBenchRow[];
  plans: { name: string; plan: string }[];
  seedSeconds: number;
}

/**
 * 100,000 cases over a year in 10 processes (3 versions each), the districts, four statuses
 * (30% running), 1% with an incident, a tenth of the running ones with a task deadline (some past);
 * ten visits each, the last one open for a running case.
 */
async function seed(db: DataSource): Promise<void> {
  await db.query(`
    INSERT INTO case_projection (case_id, process_key, version, org_unit, business_key, status, current_nodes, started_at, ended_at, due_at, has_incident)
    SELECT 'p' || (g % ${PROCESSES}) || '.' || md5(g::text),
           'p' || (g % ${PROCESSES}),
           1 + (g / ${PROCESSES}) % 3,
           (ARRAY['${DISTRICTS.join("','")}'])[1 + (g * 7) % ${DISTRICTS.length}],
           NULL,
           CASE WHEN g % 10 < 3 THEN 'running' WHEN g % 20 = 3 THEN 'failed' WHEN g % 20 = 13 THEN 'cancelled' ELSE 'completed' END,
           CASE WHEN g % 10 < 3 THEN ARRAY['n' || (g % 7 + 2)] ELSE '{}' END,
           now() - (g * interval '315 seconds'),
           CASE WHEN g % 10 < 3 THEN NULL ELSE now() - (g * interval '315 seconds') + ((g % 50) * interval '1 hour') END,
           CASE WHEN g % 10 < 3 AND g % 100 < 3 THEN now() - (g * interval '315 seconds') + interval '3 days' END,
           g % 100 = 42
      FROM generate_series(1, ${CASES}) g`);
  // Business keys hashed as the API hashes them (keyed by process), for a tenth of the cases.
  const keyed = Array.from({ length: CASES / 10 }, (_, i) => i * 10 + 1);
  await db.query(
    `UPDATE case_projection p SET business_key = k.hash FROM unnest($1::int[], $2::text[]) AS k(g, hash) WHERE p.case_id = 'p' || (k.g % ${PROCESSES}) || '.' || md5(k.g::text)`,
    [keyed, keyed.map((g) => hashBusinessKey(SECRET, `p${g % PROCESSES}`, `3208${String(g).padStart(14, '0')}`))],
  );
  await db.query(`
    INSERT INTO case_visits (case_id, node_id, visit, process_key, version, node_type, entered_at, left_at, outcome)
    SELECT p.case_id, 'n' || v, 1, p.process_key, p.version, 'task',
           p.started_at + (v * interval '1 hour') + ((hashtext(p.case_id || v) & 1023) * interval '1 minute'),
           CASE WHEN p.status = 'running' AND v = ${VISITS_PER_CASE - 1} THEN NULL
                ELSE p.started_at + ((v + 1) * interval '1 hour') + ((hashtext(p.case_id || v) & 1023) * interval '1 minute') END,
           NULL
      FROM case_projection p, generate_series(0, ${VISITS_PER_CASE - 1}) v`);
  // As autovacuum leaves a table that has settled: statistics, and the visibility map that lets counts read the index only.
  await db.query(`VACUUM ANALYZE case_projection`);
  await db.query(`VACUUM ANALYZE case_visits`);
}

/** A query runner that keeps the statements of the last answer, to explain them. */
function recording(db: DataSource) {
  let statements: { sql: string; params: unknown[] }[] = [];
  return {
    runner: { query: (sql: string, params?: unknown[]) => (statements.push({ sql, params: params ?? [] }), db.query(sql, params)) },
    take() {
      const s = statements;
      statements = [];
      return s;
    },
  };
}

async function timed(runs: number, f: () => Promise<string>): Promise<{ p50: number; p99: number; answer: string }> {
  const { ms, last } = await sampleMs(runs, f, 3);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), answer: last };
}

export async function benchCases(): Promise<CasesBench> {
  const scratch = await scratchDatabase();
  const db = await openDatabase({ url: scratch.url, log: pino({ level: 'warn' }) });
  try {
    const t0 = performance.now();
    await seed(db);
    const seedSeconds = (performance.now() - t0) / 1000;
    await db.query(`INSERT INTO documents (kind, key, name) SELECT 'process', 'p' || g, '{"zh":"p","en":"p"}' FROM generate_series(0, ${PROCESSES - 1}) g`);
    const rec = recording(db);
    const cases = new CaseList(rec.runner, { hash: SECRET, cursor: Buffer.from('bench-cursor-secret') });
    const all = OrgScope.everything;
    const district = OrgScope.of(['huaiyin']);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const twoMonthsAgo = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const filters: [string, Record<string, string>, OrgScope][] = [
      ['no filter', {}, all],
      ['processKey', { processKey: 'p3' }, all],
      ['processKey+version', { processKey: 'p3', version: '2' }, all],
      ['status=running', { status: 'running' }, all],
      ['status=failed', { status: 'failed' }, all],
      ['node (current)', { node: 'n5' }, all],
      ['orgUnit subtree (city)', { orgUnit: 'huaian' }, all],
      ['orgUnit (district)', { orgUnit: 'qingjiangpu' }, all],
      ['businessKey', { businessKey: '320800000000004321' }, all],
      ['businessKey+processKey', { businessKey: '320800000000004321', processKey: 'p1' }, all],
      ['startedFrom/To (a month)', { startedFrom: twoMonthsAgo, startedTo: monthAgo }, all],
      ['endedFrom/To (a month)', { endedFrom: twoMonthsAgo, endedTo: monthAgo }, all],
      ['hasIncident=true', { hasIncident: 'true' }, all],
      ['overdue=true', { overdue: 'true' }, all],
      ['sort endedAt asc', { sort: 'endedAt', order: 'asc' }, all],
      ['scoped operator (district)', {}, district],
      ['scoped + status + node', { status: 'running', node: 'n4' }, district],
      ['processKey+status+orgUnit', { processKey: 'p7', status: 'completed', orgUnit: 'xuyi' }, all],
    ];
    const rows: CasesBenchRow[] = [];
    const statements = new Map<string, { sql: string; params: unknown[] }[]>();
    for (const [name, raw, scope] of filters) {
      const q = caseListQuery.parse({ limit: '50', ...raw });
      const r = await timed(RUNS, async () => {
        rec.take();
        const page = await cases.list(q, scope);
        return `${page.items.length} rows, total ${page.total}${page.totalExact ? '' : ' (estimated)'}`;
      });
      statements.set(name, rec.take());
      rows.push({ name: `list ${name}`, ...r, target: 200 });
    }
    // The third page of the unfiltered list, by cursor.
    const first = await cases.list(caseListQuery.parse({ limit: '50' }), all);
    const second = await cases.list(caseListQuery.parse({ limit: '50', cursor: first.nextCursor! }), all);
    const third = caseListQuery.parse({ limit: '50', cursor: second.nextCursor! });
    rows.push({ name: 'list page 3 by cursor', ...(await timed(RUNS, async () => `${(await cases.list(third, all)).items.length} rows`)), target: 200 });

    // The case page's data: its row and its visits, for cases picked across the table.
    const ids: { case_id: string }[] = await db.query(`SELECT case_id FROM case_projection TABLESAMPLE SYSTEM (1) LIMIT 200`);
    let k = 0;
    rows.push({
      name: 'case page data (row + visits)',
      ...(await timed(RUNS, async () => {
        const id = ids[k++ % ids.length].case_id;
        const [row] = await db.query(`SELECT * FROM case_projection WHERE case_id = $1`, [id]);
        const visits: unknown[] = await db.query(`SELECT node_id, visit, node_type, entered_at, left_at, outcome, due_at FROM case_visits WHERE case_id = $1 ORDER BY entered_at`, [id]);
        return `${row ? 1 : 0} row, ${visits.length} visits`;
      })),
      target: 100,
    });
    const heat = (scope: OrgScope, days: number) => async () => {
      const h = await heatmapOf(db, 'p3', { from: new Date(Date.now() - days * 86_400_000) }, scope);
      return `${h.nodes.length} nodes, ${h.nodes.reduce((n, x) => n + x.visits, 0)} visits`;
    };
    rows.push({ name: 'heatmap (one process, 30 days)', ...(await timed(RUNS, heat(all, 30))), target: 300 });
    rows.push({ name: 'heatmap (one process, 365 days)', ...(await timed(RUNS, heat(all, 365))), target: 300 });
    rows.push({ name: 'heatmap (scoped, 365 days)', ...(await timed(RUNS, heat(district, 365))), target: 300 });

    const slowest = rows.filter((r) => r.name.startsWith('list ') && statements.has(r.name.slice(5))).sort((a, b) => b.p99 - a.p99).slice(0, 2);
    const plans: CasesBench['plans'] = [];
    for (const r of slowest) {
      for (const s of statements.get(r.name.slice(5))!) {
        if (s.sql.startsWith('EXPLAIN')) continue;
        const lines: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
        plans.push({ name: r.name, plan: `${s.sql.replace(/\s+/g, ' ').trim()}\n${lines.map((l) => `  ${l['QUERY PLAN']}`).join('\n')}` });
      }
    }
    return { rows, plans, seedSeconds };
  } finally {
    await db.destroy();
    await scratch.drop();
  }
}

export function formatCasesBench(b: CasesBench): string[] {
  return b.rows.map((r) => `cases  ${r.name.padEnd(38)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  (target p99 < ${r.target}) ${r.p99 < r.target ? 'ok' : 'OVER'}  ${r.answer}`);
}
