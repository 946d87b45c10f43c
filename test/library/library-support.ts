/** Helpers for the library processes' tests: results, tasks, sites and escalations as an operator would see them. */
import { randomBytes } from 'node:crypto';
import { EscalationEntity, type EscalationRow } from '../../domain/escalations/escalation.entity';
import { NoticeEntity, type NoticeRow } from '../../engine/notices/notice.entity';
import { QuarantineSiteEntity } from '../../domain/quarantine/quarantine-site.entity';
import { eventually, type TestApp } from '../support/app';

/** A day of the library processes lasts this long in tests (timeScale = DAY_MS / 86 400 000); the dev server fires timers on whole seconds. */
export const DAY_MS = 1000;
export const DAY_SCALE = DAY_MS / 86_400_000;

/** A resident-ID-like number, unique per call: cases must not share a person by accident. */
export function idNumber(): string {
  return `320800${randomBytes(6).toString('hex')}`;
}

/** Another test file's app may still be seeding: wait for the library process to be published. */
export async function libraryReady(app: TestApp, key: string): Promise<void> {
  await eventually(async () => {
    const res = await app.api('GET', `/api/processes/${key}`);
    return res.status === 200 && res.body.latestVersion >= 1 ? true : undefined;
  }, 30_000, `${key} to be published`);
}

export async function sendResult(app: TestApp, caseId: string, result: 'negative' | 'positive' | 'invalid'): Promise<void> {
  const res = await app.api('POST', `/api/cases/${caseId}/events/test-result`, { payload: { result } });
  if (res.status !== 202) throw new Error(`sending a result: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Completes the open task of the node, once it is open. */
export async function completeTask(app: Pick<TestApp, 'api'>, caseId: string, nodeId: string, data: Record<string, unknown>): Promise<void> {
  const task = await eventually(async () => {
    const res = await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(caseId)}&status=open`);
    return (res.body as { id: string; nodeId: string }[]).find((t) => t.nodeId === nodeId);
  }, 30_000, `task ${nodeId} of ${caseId}`);
  const done = await app.api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data });
  if (done.status !== 200) throw new Error(`completing ${nodeId}: ${done.status} ${JSON.stringify(done.body)}`);
}

export async function escalationsOf(app: TestApp, caseId: string): Promise<EscalationRow[]> {
  return app.platform.services.db.getRepository(EscalationEntity).find({ where: { caseId: caseId }, order: { createdAt: 'ASC' } });
}

export async function noticesOf(app: TestApp, caseId: string): Promise<NoticeRow[]> {
  return app.platform.services.db.getRepository(NoticeEntity).find({ where: { caseId: caseId }, order: { createdAt: 'ASC' } });
}

/** A quarantine site in a district of its own, so test files sharing the database never take each other's places. */
export async function siteOfItsOwn(app: TestApp, capacity: number): Promise<{ id: string; district: string }> {
  const suffix = randomBytes(3).toString('hex');
  const site = { id: `test-site-${suffix}`, district: `test-district-${suffix}` };
  await app.platform.services.db
    .getRepository(QuarantineSiteEntity)
    .insert({ ...site, name: { zh: `测试隔离点${suffix}`, en: `Test site ${suffix}` }, capacity, occupied: 0, active: true });
  return site;
}
