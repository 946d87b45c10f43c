/**
 * The heatmap's numbers, on a database of the test's own with visits of known durations: open
 * cases per node, and per node the visits that ended in the period with their median and p90
 * (interpolated, as PostgreSQL's percentile_cont), filtered by version and by the caller's units;
 * a visit ending exactly at `to` is outside, one at `from` inside; other processes never count.
 */
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { heatmapOf } from '../../engine/cases/projection/heatmap';
import { ProjectionStore } from '../../engine/cases/projection/store';
import { openDatabase } from '../../engine/db/data-source';
import { OrgScope } from '../../engine/orgunits/scope';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

let scratch: ScratchDatabase;
let db: DataSource;

const T0 = Date.parse('2026-06-01T00:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (rank - lo);
}

/** A case of `processKey` in `unit` and `version`: its visits as [node, minutes spent] one after another from `start`; the last one left open when `open`. */
async function caseOf(id: string, processKey: string, unit: string, version: number, start: number, visits: [string, number][], open = false) {
  const store = new ProjectionStore(db);
  await store.started(id, { processKey, version, run: 1, orgUnit: unit, startedAt: T0 + start });
  let t = start;
  for (const [i, [nodeId, minutes]] of visits.entries()) {
    const visit = { processKey, version, nodeId, type: 'task', visit: 1, enteredAt: at(t) };
    await store.visited(id, visit);
    t += minutes * MIN;
    if (!(open && i === visits.length - 1)) await store.visited(id, { ...visit, leftAt: at(t), outcome: 'done' });
  }
}

const caseId = (n: number) => `heat.${String(n).padStart(32, '0')}`;

beforeAll(async () => {
  scratch = await scratchDatabase();
  db = await openDatabase({ url: scratch.url, log: pino({ level: 'warn' }) });
  // Ten cases of `heat`: `check` takes 10, 20, … 100 minutes; then `review` 5 minutes; odd cases in version 2,
  // the first six in huaiyin, the rest in jinhu; the last two still at `review`.
  for (let n = 1; n <= 10; n++) {
    await caseOf(caseId(n), 'heat', n <= 6 ? 'huaiyin' : 'jinhu', n % 2 ? 2 : 1, n * 1000 * MIN, [
      ['check', n * 10],
      ['review', 5],
    ], n > 8);
  }
  // Another process's visits at the same nodes never count.
  await caseOf(`other.${'1'.repeat(32)}`, 'other', 'huaiyin', 1, 0, [['check', 999]]);
});

afterAll(async () => {
  await db?.destroy();
  await scratch?.drop();
});

const checkMinutes = (ns: number[]) => ns.map((n) => n * 10 * MIN);
const everything = { from: new Date(T0), to: new Date(T0 + 30 * 86_400_000) };

test('per node: the open cases, and the visits that ended in the period with their median and p90', async () => {
  const h = await heatmapOf(db, 'heat', everything, OrgScope.everything);
  const all = checkMinutes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(h.nodes).toEqual([
    { nodeId: 'check', open: 0, visits: 10, medianMs: Math.round(percentile(all, 0.5)), p90Ms: Math.round(percentile(all, 0.9)) },
    { nodeId: 'review', open: 2, visits: 8, medianMs: 5 * MIN, p90Ms: 5 * MIN },
  ]);
});

test('a version, a scope and the period narrow the visits; a visit ending at `to` is outside, at `from` inside', async () => {
  const v2 = await heatmapOf(db, 'heat', { ...everything, version: 2 }, OrgScope.everything);
  const odd = checkMinutes([1, 3, 5, 7, 9]);
  expect(v2.nodes.find((n) => n.nodeId === 'check')).toEqual({ nodeId: 'check', open: 0, visits: 5, medianMs: percentile(odd, 0.5), p90Ms: Math.round(percentile(odd, 0.9)) });
  expect(v2.nodes.find((n) => n.nodeId === 'review')).toMatchObject({ open: 1, visits: 4 });

  const jinhu = await heatmapOf(db, 'heat', everything, OrgScope.of(['jinhu']));
  const late = checkMinutes([7, 8, 9, 10]);
  expect(jinhu.nodes).toEqual([
    { nodeId: 'check', open: 0, visits: 4, medianMs: percentile(late, 0.5), p90Ms: Math.round(percentile(late, 0.9)) },
    { nodeId: 'review', open: 2, visits: 2, medianMs: 5 * MIN, p90Ms: 5 * MIN },
  ]);
  expect((await heatmapOf(db, 'heat', everything, OrgScope.of([]))).nodes).toEqual([]);

  // Case 3's check ends at 3000 + 30 minutes, case 4's at 4000 + 40: a period from the first to the second.
  const period = await heatmapOf(db, 'heat', { from: new Date(T0 + 3030 * MIN), to: new Date(T0 + 4040 * MIN) }, OrgScope.everything);
  expect(period.nodes.find((n) => n.nodeId === 'check')).toMatchObject({ visits: 1, medianMs: 30 * MIN });
});
