import { ApplicationFailure } from '@temporalio/common';
import { assignQuarantineSiteActivity } from '../../domain/quarantine/assign-quarantine-site.activity';
import { releaseSiteActivity } from '../../domain/quarantine/release-site.activity';
import { QuarantineSiteEntity } from '../../domain/quarantine/quarantine-site.entity';
import { SiteAssignmentEntity } from '../../domain/quarantine/site-assignment.entity';
import { uniqueKey, useTestApp } from '../support/app';
import { call, callRetrying, contextFor } from './activity-context';

const app = useTestApp();

async function sites(district: string, capacities: number[]) {
  const repo = app.platform.services.db.getRepository(QuarantineSiteEntity);
  const ids = capacities.map((_, i) => `${district}-${i}`);
  await repo.insert(capacities.map((capacity, i) => ({ id: ids[i], name: { zh: `隔离点${i}`, en: `Site ${i}` }, district, capacity, occupied: 0, active: true })));
  return async () => (await repo.findBy({ district })).sort((a, b) => a.id.localeCompare(b.id));
}

test('50 concurrent assignments for 30 places: 30 succeed, 20 are refused, no site is over-booked', async () => {
  const district = uniqueKey('conc');
  const read = await sites(district, [20, 10]);
  const caseIds = Array.from({ length: 50 }, (_, i) => `${district}.case${i}`);
  const outcomes = await Promise.allSettled(
    caseIds.map((caseId) => callRetrying(assignQuarantineSiteActivity, { subject: `person-${caseId}`, district }, contextFor(app, caseId, 'assignSite'))),
  );
  const placed = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(placed).toHaveLength(30);
  expect(refused).toHaveLength(20);
  for (const r of refused) {
    expect(r.reason).toBeInstanceOf(ApplicationFailure);
    expect(r.reason).toMatchObject({ type: 'NoQuarantineCapacity', nonRetryable: true });
  }
  const after = await read();
  expect(after.map((s) => [s.occupied, s.capacity])).toEqual([[20, 20], [10, 10]]);
  const assignments = app.platform.services.db.getRepository(SiteAssignmentEntity);
  for (const s of after) expect(await assignments.countBy({ siteId: s.id })).toBe(s.occupied);
  process.stdout.write(`[quarantine] 50 concurrent assignments for 2 sites (20 + 10 places): ${placed.length} placed, ${refused.length} refused, occupied ${after.map((s) => `${s.occupied}/${s.capacity}`).join(', ')}\n`);
});

test('a retried assignment keeps its place; releasing twice frees it once', async () => {
  const district = uniqueKey('retry');
  const read = await sites(district, [3]);
  const ctx = contextFor(app, `${district}.case`, 'assignSite');
  const [first, again] = await Promise.all([
    call(assignQuarantineSiteActivity, { subject: 'p1', district }, ctx),
    call(assignQuarantineSiteActivity, { subject: 'p1', district }, { ...ctx, attempt: 2 }),
  ]);
  expect(again.assignmentId).toBe(first.assignmentId);
  expect((await read())[0].occupied).toBe(1);

  const release = contextFor(app, `${district}.case`, 'freeSite');
  const freed = await Promise.all([
    call(releaseSiteActivity, { assignmentId: first.assignmentId }, release),
    call(releaseSiteActivity, { assignmentId: first.assignmentId }, { ...release, attempt: 2 }),
  ]);
  expect(freed.map((f) => f.released).sort()).toEqual([false, true]);
  expect((await read())[0].occupied).toBe(0);
});

test('50 concurrent assignments and releases on one small site never break its capacity', async () => {
  const district = uniqueKey('churn');
  const read = await sites(district, [5]);
  const work = Array.from({ length: 50 }, async (_, i) => {
    const caseId = `${district}.case${i}`;
    try {
      const placed = await callRetrying(assignQuarantineSiteActivity, { subject: `p${i}`, district }, contextFor(app, caseId, 'assignSite'));
      await callRetrying(releaseSiteActivity, { assignmentId: placed.assignmentId }, contextFor(app, caseId, 'freeSite'));
      return 'placed';
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === 'NoQuarantineCapacity') return 'refused';
      throw err;
    }
  });
  const results = await Promise.all(work);
  expect(results.filter((r) => r === 'placed').length).toBeGreaterThanOrEqual(5);
  expect((await read())[0].occupied).toBe(0);
});
