/**
 * Scheduled activation: a rule set version published now to take effect at a given instant is
 * listed as scheduled; until then cases decide with the version in effect before it, from then
 * on with it. The decision activity reads which version is in effect (the workflow only replays
 * what it answered), so each decision records the version that made it.
 */
import { DecisionEntity } from '../../engine/decisions/decision.entity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { adultRules, publishRuleSet } from '../support/rules';

const app = useTestApp();

/** start → decide (age 30 under `rules`) → end: each case makes one decision. */
async function deciding(rules: string): Promise<string> {
  const key = uniqueKey('sched-proc');
  const def = chain(key, [
    { id: 'start', type: 'start' },
    { id: 'decide', type: 'decision', ruleset: rules, facts: { age: '30' }, output: 'decided' },
    { id: 'end', type: 'end', outcome: 'decided' },
  ]);
  def.edges = [...def.edges.map((e) => (e.from === 'decide' ? { ...e, outcome: 'adult' } : e)), { id: 'other', from: 'decide', to: 'end', default: true }];
  await publish(app, def);
  return key;
}

/** Runs one case to its end; answers the version its decision recorded and the days it decided. */
async function decide(process: string): Promise<[number, unknown]> {
  const id = await startCase(app, process, {});
  await waitFor(app, id, 'completed', undefined, 45_000);
  const row = await app.platform.services.db.getRepository(DecisionEntity).findOneByOrFail({ caseId: id });
  return [row.rulesetVersion, (row.events as { params?: { days?: number } }[])[0]?.params?.days];
}

/** A new rule set with v1 (7 days) published and a draft of 5 days; answers its key. */
async function publishedWithDraft(name: string): Promise<string> {
  const rules = uniqueKey(name);
  await publishRuleSet(app, adultRules(rules, 7));
  expect((await app.api('PUT', `/api/rulesets/${rules}/draft`, adultRules(rules, 5))).status).toBe(200);
  return rules;
}

/** The version list as [version, state]. */
async function states(rules: string): Promise<[number, string][]> {
  const versions: { version: number; state: string }[] = (await app.api('GET', `/api/rulesets/${rules}/versions`)).body;
  return versions.map((v) => [v.version, v.state]);
}

test('v2 scheduled a few seconds ahead: listed as scheduled, v1 decides until then, v2 from then on', async () => {
  const rules = await publishedWithDraft('sched-rules');
  const process = await deciding(rules);
  // Far enough ahead for a publish and a case on a loaded machine, near enough for a test.
  const effectiveAt = new Date(Date.now() + 12_000);
  const published = await app.api('POST', `/api/rulesets/${rules}/publish`, { comment: 'five days from the notice', effectiveAt: effectiveAt.toISOString() });
  expect(published).toMatchObject({ status: 201, body: { version: 2, effectiveAt: effectiveAt.toISOString() } });

  const versions = (await app.api('GET', `/api/rulesets/${rules}/versions`)).body;
  expect(versions.map((v: { version: number; state: string; effectiveAt: string | null }) => [v.version, v.state, v.effectiveAt])).toEqual([
    [2, 'scheduled', effectiveAt.toISOString()],
    [1, 'in_effect', null],
  ]);
  // The latest version is v2, but what decides now is v1: a case, and Try it without a version.
  expect((await app.api('GET', `/api/rulesets/${rules}`)).body.latestVersion).toBe(2);
  expect(await decide(process)).toEqual([1, 7]);
  expect((await app.api('POST', `/api/rulesets/${rules}/evaluate`, { facts: { age: 30 } })).body).toMatchObject({ evaluated: 'v1', events: [{ params: { days: 7 } }] });

  // Past its time, without anything else happening, v2 decides.
  await eventually(async () => (Date.now() > effectiveAt.getTime() + 100 ? true : undefined), 15_000, 'the activation time to pass');
  expect(await decide(process)).toEqual([2, 5]);
  expect(await states(rules)).toEqual([
    [2, 'in_effect'],
    [1, 'superseded'],
  ]);
});

test('a version published without a time after a scheduled one supersedes it: the version in effect never goes back', async () => {
  const rules = await publishedWithDraft('sched-super');
  const later = new Date(Date.now() + 3_600_000).toISOString();
  expect((await app.api('POST', `/api/rulesets/${rules}/publish`, { comment: 'scheduled', effectiveAt: later })).status).toBe(201);
  await publishRuleSet(app, adultRules(rules, 3));
  expect(await states(rules)).toEqual([
    [3, 'in_effect'],
    [2, 'superseded'],
    [1, 'superseded'],
  ]);
});

test('an activation time must be an ISO instant in the future; a process cannot be scheduled', async () => {
  const rules = await publishedWithDraft('sched-bad');
  for (const effectiveAt of ['2020-01-01T00:00:00Z', 'tomorrow', '2026-13-01T00:00:00Z', 1_900_000_000_000]) {
    const res = await app.api('POST', `/api/rulesets/${rules}/publish`, { comment: 'x', effectiveAt });
    expect([res.status, res.body.error.problems[0].path]).toEqual([422, 'body/effectiveAt']);
  }
  expect((await app.api('GET', `/api/rulesets/${rules}`)).body.latestVersion).toBe(1);
  const proc = await app.api('POST', '/api/processes/any/publish', { comment: 'x', effectiveAt: new Date(Date.now() + 60_000).toISOString() });
  expect(proc.status).toBe(422);
});

test('a first version cannot be scheduled: until it took effect, decisions would find no rules', async () => {
  const rules = uniqueKey('sched-first');
  expect((await app.api('POST', '/api/rulesets', adultRules(rules, 7))).status).toBe(201);
  const res = await app.api('POST', `/api/rulesets/${rules}/publish`, { comment: 'x', effectiveAt: new Date(Date.now() + 60_000).toISOString() });
  expect([res.status, res.body.error.problems[0]]).toEqual([422, { path: 'effectiveAt', code: 'first_version_scheduled', message: 'cannot be given for the first version' }]);
  expect((await app.api('GET', `/api/rulesets/${rules}`)).body).toMatchObject({ latestVersion: null, draft: { definition: adultRules(rules, 7) } });
});
