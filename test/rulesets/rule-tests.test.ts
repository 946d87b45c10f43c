/**
 * Rule tests guard every publish: a rule set carries test cases (facts and what must be decided),
 * every draft save answers which pass and which fail, and a publish with a failing test is
 * refused naming it, unless the request acknowledges it in writing; the acknowledgement and the
 * failing tests then stand in the publish's audit row.
 */
import { AuditEntity } from '../../engine/audit/audit.entity';
import type { RuleTest } from '../../rules/ruleset-schema';
import { uniqueKey, useTestApp } from '../support/app';
import { triageRules } from '../support/rules';

const app = useTestApp();

const HOSPITAL = 'hospital';
const HOME = 'home-quarantine';

/** Positive → hospital; contact → home quarantine for `days`. Tests: the two agreed cases. */
const triage = (key: string, days: number, tests: RuleTest[] = agreed) => triageRules(key, days, tests);

const agreed: RuleTest[] = [
  { name: 'a positive test always goes to hospital', facts: { test: 'positive', contact: true }, expect: { outcome: HOSPITAL } },
  { name: 'a negative contact stays home 7 days', facts: { test: 'negative', contact: true }, expect: { outcome: HOME, params: { days: 7 } } },
];

const audit = (key: string) => app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'ruleset', key, action: 'publish' }, order: { id: 'ASC' } });

describe('a rule set with two agreed tests', () => {
  const key = uniqueKey('guard');

  it('a create and a save answer the tests, all passing', async () => {
    const created = await app.api('POST', '/api/rulesets', triage(key, 7));
    expect(created.status).toBe(201);
    expect(created.body.tests).toMatchObject({ total: 2, passed: 2, failed: 0 });
    expect(created.body.tests.results.map((r: { name: string; passed: boolean }) => [r.name, r.passed])).toEqual(agreed.map((t) => [t.name, true]));
    expect((await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'agreed' })).status).toBe(201);
  });

  it('a draft that breaks one test is saved and says which fails and why', async () => {
    const saved = await app.api('PUT', `/api/rulesets/${key}/draft`, triage(key, 5));
    expect(saved.status).toBe(200);
    expect(saved.body.tests).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(saved.body.tests.results[1]).toEqual({
      index: 1,
      name: 'a negative contact stays home 7 days',
      passed: false,
      failures: ['params.days: expected 7, got 5'],
      actual: { outcome: HOME, events: [{ type: HOME, params: { days: 5 } }] },
    });
  });

  it('its publish is refused naming the failing test, and nothing is published', async () => {
    const refused = await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'five days' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'rule_tests_failed',
      problems: [{ path: 'tests/1', code: 'rule_test_failed', message: "'a negative contact stays home 7 days': params.days: expected 7, got 5" }],
    });
    const doc = await app.api('GET', `/api/rulesets/${key}`);
    expect(doc.body).toMatchObject({ latestVersion: 1, draft: { definition: triage(key, 5) } });
  });

  it('an acknowledgement must be written out: a blank or a two-word one is refused naming the field', async () => {
    for (const acknowledgement of ['', '   ', 'ok fine']) {
      const res = await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'five days', acknowledgement });
      expect([res.status, res.body.error.problems[0].path]).toEqual([422, 'body/acknowledgement']);
    }
    expect((await app.api('GET', `/api/rulesets/${key}`)).body.latestVersion).toBe(1);
  });

  it('with a written acknowledgement it is published, and the audit row holds the acknowledgement and the failing test', async () => {
    const acknowledgement = 'Province notice 2026-11: contacts now stay home 5 days; the test is updated next.';
    const res = await app.as('policy-lead').api('POST', `/api/rulesets/${key}/publish`, { comment: 'five days', acknowledgement });
    expect(res).toMatchObject({ status: 201, body: { version: 2, author: 'policy-lead' } });
    const rows = await audit(key);
    expect(rows).toHaveLength(2);
    expect(rows[0].detail).not.toHaveProperty('acknowledgement');
    expect(rows[1].actor).toBe('policy-lead');
    expect(rows[1].detail).toEqual({
      version: 2,
      hash: res.body.hash,
      comment: 'five days',
      acknowledgement,
      failingTests: ["'a negative contact stays home 7 days': params.days: expected 7, got 5"],
    });
  });

  it('with the test updated, the next publish needs no acknowledgement and records none', async () => {
    const fixed = triage(key, 5, [agreed[0], { ...agreed[1], name: 'a negative contact stays home 5 days', expect: { outcome: HOME, params: { days: 5 } } }]);
    expect((await app.api('PUT', `/api/rulesets/${key}/draft`, fixed)).body.tests).toMatchObject({ passed: 2, failed: 0 });
    const res = await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'test follows the notice' });
    expect(res.status).toBe(201);
    expect((await audit(key)).at(-1)!.detail).toEqual({ version: 3, hash: res.body.hash, comment: 'test follows the notice' });
  });
});

describe('what a test can say', () => {
  it('events in order with their params, a test the rule set cannot evaluate, and an outcome of none', async () => {
    const key = uniqueKey('kinds');
    const tests: RuleTest[] = [
      { name: 'events', facts: { test: 'positive', contact: true }, expect: { events: [{ type: HOSPITAL }, { type: HOME, params: { days: 7 } }] } },
      { name: 'wrong order', facts: { test: 'positive', contact: true }, expect: { events: [{ type: HOME }, { type: HOSPITAL }] } },
      { name: 'missing fact', facts: { contact: true }, expect: { outcome: HOME } },
      { name: 'nothing fires', facts: { test: 'negative' }, expect: { outcome: null } },
    ];
    const res = await app.api('POST', '/api/rulesets', triage(key, 7, tests));
    expect(res.status).toBe(201);
    expect(res.body.tests.results.map((r: { passed: boolean; failures: string[] }) => [r.passed, r.failures])).toEqual([
      [true, []],
      [false, ['events: expected ["home-quarantine","hospital"], got ["hospital","home-quarantine"]']],
      [false, ['cannot be evaluated: missing facts: test']],
      [true, []],
    ]);
  });

  it('tests with the same name, or expecting nothing, are refused with their path', async () => {
    const key = uniqueKey('badtests');
    const twice = await app.api('POST', '/api/rulesets', triage(key, 7, [agreed[0], agreed[0]]));
    expect([twice.status, twice.body.error.problems.map((p: { path: string }) => p.path)]).toEqual([422, ['tests/1/name']]);
    const empty = await app.api('POST', '/api/rulesets', triage(key, 7, [{ name: 'vague', facts: {}, expect: {} }]));
    expect([empty.status, empty.body.error.problems.map((p: { path: string }) => p.path)]).toEqual([422, ['tests/0/expect']]);
  });
});

describe('one number, one place', () => {
  it('a draft that changes days but not the duration and test days beside it is saved, with a warning for each', async () => {
    const key = uniqueKey('onenumber');
    const def = triage(key, 7, []);
    def.rules[1].event.params = { days: 7, quarantineDuration: 'P7D', testDays: [1, 4, 7] };
    const created = await app.api('POST', '/api/rulesets', def);
    expect([created.status, created.body.warnings]).toEqual([201, []]);
    def.rules[1].event.params = { days: 5, quarantineDuration: 'P7D', testDays: [1, 4, 7] };
    const saved = await app.api('PUT', `/api/rulesets/${key}/draft`, def);
    expect(saved.status).toBe(200);
    expect(saved.body.warnings.map((w: { path: string; code: string }) => [w.path, w.code])).toEqual([
      ['rules/1/event/params/quarantineDuration', 'inconsistent_params'],
      ['rules/1/event/params/testDays', 'inconsistent_params'],
    ]);
  });
});
