/**
 * A release that changes a built-in (the 9th-edition arrival rules, say) reaches deployments that
 * already hold it: at start the seed publishes it as the next version, unless people changed the
 * document there. Running cases keep the process version they started on.
 */
import pino from 'pino';
import { epidemicDomain } from '../../domain';
import { seedBuiltIns } from '../../engine/seed';
import { uniqueKey, useTestApp } from '../support/app';
import { caseState, startCase, taskProcess, waitFor } from '../support/processes';
import { adultRules, publishRuleSet } from '../support/rules';
import { completeTask } from '../library/library-support';

const app = useTestApp();

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

const versions = async (kind: 'rulesets' | 'processes', key: string) =>
  ((await app.api('GET', `/api/${kind}/${key}/versions`)).body as { version: number; author: string; comment: string }[]).map((v) => [v.version, v.author]);

test('a built-in changed in a release becomes its next version; an unchanged one does not', async () => {
  const key = uniqueKey('upgraded');
  expect((await seedBuiltIns(app.platform.services, { rulesets: [adultRules(key, 7)], processes: [] })).rulesets).toEqual([key]);
  // The same content again (a restart): nothing new.
  expect((await seedBuiltIns(app.platform.services, { rulesets: [adultRules(key, 7)], processes: [] })).upgraded.rulesets).toEqual([]);
  expect(await versions('rulesets', key)).toEqual([[1, 'system']]);

  const seeded = await seedBuiltIns(app.platform.services, { rulesets: [adultRules(key, 5)], processes: [] });
  expect(seeded).toMatchObject({ rulesets: [], upgraded: { rulesets: [key], processes: [] } });
  expect(await versions('rulesets', key)).toEqual([[2, 'system'], [1, 'system']]);
  const latest = await app.api('GET', `/api/rulesets/${key}`);
  expect(latest.body).toMatchObject({ latestVersion: 2, draft: null, published: { definition: adultRules(key, 5) } });
});

test('a restart publishes none of the shipped built-ins again: what is stored hashes as what ships', async () => {
  const seeded = await seedBuiltIns(app.platform.services, epidemicDomain.builtIns);
  expect(seeded).toEqual({ rulesets: [], processes: [], upgraded: { rulesets: [], processes: [] } });
});

test('a built-in people changed is left as they made it, published or in a draft, and the log says so', async () => {
  const [published, drafted] = [uniqueKey('theirs'), uniqueKey('drafted')];
  await seedBuiltIns(app.platform.services, { rulesets: [adultRules(published, 7), adultRules(drafted, 7)], processes: [] });
  await publishRuleSet(app, adultRules(published, 10), 'our own rule');
  expect((await app.api('PUT', `/api/rulesets/${drafted}/draft`, adultRules(drafted, 9))).status).toBe(200);

  const { log, lines } = capturedLog();
  const seeded = await seedBuiltIns({ ...app.platform.services, log }, { rulesets: [adultRules(published, 5), adultRules(drafted, 5)], processes: [] });
  expect(seeded.upgraded.rulesets).toEqual([]);
  expect((await app.api('GET', `/api/rulesets/${published}`)).body).toMatchObject({ latestVersion: 2, published: { definition: adultRules(published, 10) } });
  expect((await app.api('GET', `/api/rulesets/${drafted}`)).body).toMatchObject({ latestVersion: 1, draft: { definition: adultRules(drafted, 9) } });
  expect(lines.filter((l) => l.level === 40).map((l) => l.key).sort()).toEqual([drafted, published].sort());
});

test('a case running on a built-in process keeps its version when the release upgrades the process, and new cases take the new one', async () => {
  const key = uniqueKey('upgraded-process');
  await seedBuiltIns(app.platform.services, { rulesets: [], processes: [taskProcess(key, 'Check')] });
  const running = await startCase(app, key);
  await waitFor(app, running, 'running', 'check');

  const seeded = await seedBuiltIns(app.platform.services, { rulesets: [], processes: [taskProcess(key, 'Check again')] });
  expect(seeded.upgraded.processes).toEqual([key]);
  const fresh = await startCase(app, key);
  expect([(await caseState(app, running)).version, (await caseState(app, fresh)).version]).toEqual([1, 2]);

  await completeTask(app, running, 'check', { note: 'done' });
  expect((await waitFor(app, running, 'completed')).outcome).toBe('checked');
});
