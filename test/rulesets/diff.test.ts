/**
 * GET /api/rulesets/:key/diff, as for processes: between two published versions or a version
 * and the draft, rules by name with their content before and after.
 */
import { uniqueKey, useTestApp } from '../support/app';
import { adultRules, leaf, publishRuleSet } from '../support/rules';

const app = useTestApp({ seed: false });

const minor = { name: 'minor', conditions: { all: [leaf('age', 'lessThan', 18)] }, event: { type: 'minor' } };

test('diff between versions and with the draft names each rule changed, added or removed', async () => {
  const key = uniqueKey('rs-diff');
  const v1 = adultRules(key, 7);
  const v2 = adultRules(key, 5, { rules: [...adultRules(key, 5).rules, minor] });
  await publishRuleSet(app, v1);
  await publishRuleSet(app, v2);

  const between = await app.api('GET', `/api/rulesets/${key}/diff?from=1&to=2`);
  expect(between.status).toBe(200);
  expect(between.body.rules).toEqual({
    added: [{ name: 'minor', after: minor }],
    removed: [],
    changed: [{ name: 'adult', before: v1.rules[0], after: v2.rules[0] }],
    reordered: false,
  });
  expect(between.body.fields).toEqual([]);

  // No draft yet: the draft side is a 404, like a missing version.
  expect((await app.api('GET', `/api/rulesets/${key}/diff?from=2&to=draft`)).status).toBe(404);
  expect((await app.api('GET', `/api/rulesets/${key}/diff?from=1&to=3`)).status).toBe(404);

  const draft = adultRules(key, 5, { description: 'for minors only', rules: [minor] });
  expect((await app.api('PUT', `/api/rulesets/${key}/draft`, draft)).status).toBe(200);
  const toDraft = await app.api('GET', `/api/rulesets/${key}/diff?from=2&to=draft`);
  expect(toDraft.status).toBe(200);
  expect(toDraft.body.rules.removed).toEqual([{ name: 'adult', before: v2.rules[0] }]);
  expect(toDraft.body.rules.reordered).toBe(false);
  expect(toDraft.body.fields).toEqual([{ name: 'description', after: 'for minors only' }]);
});

test('a diff query that is not two versions is a 400 naming the field', async () => {
  const key = uniqueKey('rs-diff');
  await publishRuleSet(app, adultRules(key));
  const res = await app.api('GET', `/api/rulesets/${key}/diff?from=draft&to=1`);
  expect(res.status).toBe(400);
  expect(res.body.error.problems).toEqual([expect.objectContaining({ path: 'query/from' })]);
});
