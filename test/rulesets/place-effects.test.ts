/**
 * The impact preview reaches quarantine places: cases running now under the arrival rules hold a
 * place at a site of this test's own. A candidate that sends high-risk arrivals home frees their
 * places at that site, and one that sends a medium-risk arrival to a site needs a place in its
 * district; a shorter stay for those who keep their place gives back place-days (7 → 5 days for
 * three people: 6 place-days). Read through the domain's effects on the real platform.
 */
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { publish, startCase, waitFor } from '../support/processes';
import { arrivalRules as arrivals, placingProcess, testSite, TEST_SITE_NAME } from '../support/quarantine';
import { publishRuleSet } from '../support/rules';

jest.setTimeout(120_000);

const app = useTestApp();

test('a rule change tells which quarantine places it frees at which site, which it needs where, and the place-days it moves', async () => {
  const db = app.platform.services.db;
  const { site, district } = await testSite(db);
  const rules = uniqueKey('place-rules');
  await publishRuleSet(app, arrivals(rules));
  const processKey = uniqueKey('place-proc');
  await publish(app, placingProcess(processKey, rules, district));
  const high = await Promise.all([1, 2, 3].map(() => startCase(app, processKey, { risk: 'high' }, { orgUnit: 'huaiyin' })));
  const medium = await startCase(app, processKey, { risk: 'medium' }, { orgUnit: 'qingjiangpu' });
  await Promise.all([...high, medium].map((id) => waitFor(app, id, 'running', 'wait', 45_000)));
  const held = await db.query(`SELECT count(*)::int AS n FROM site_assignments WHERE site_id = $1 AND released_at IS NULL`, [site]);
  expect(held[0].n).toBe(3);

  const effectsOf = async (draft: RulesRuleSet) => {
    expect((await app.api('PUT', `/api/rulesets/${rules}/draft`, draft)).status).toBe(200);
    return eventually(async () => {
      const res = await app.api('POST', `/api/rulesets/${rules}/simulate`, { draft: true });
      expect(res.status).toBe(200);
      return res.body.running?.cases === 4 ? res.body.running.effects : undefined;
    }, 30_000, 'the four running cases in the preview');
  };

  // High risk home instead, medium risk to a site: three places freed here, one needed in Qingjiangpu.
  const swapped = await effectsOf(arrivals(rules, { highTo: 'home-quarantine', mediumToSite: true }));
  expect(swapped).toEqual([
    {
      resource: 'quarantine-places',
      label: { zh: '集中隔离床位', en: 'Centralized-quarantine places' },
      rows: [
        { id: `site:${site}`, label: TEST_SITE_NAME, freed: 3, needed: 0, days: 0 },
        { id: 'unit:qingjiangpu', label: expect.objectContaining({ zh: expect.stringContaining('清江浦') }), freed: 0, needed: 1, days: 0 },
      ],
    },
  ]);

  // Seven days to five for those who stay: 3 people × 2 days given back at this site; nothing freed or needed.
  const shorter = await effectsOf(arrivals(rules, { days: 5 }));
  expect(shorter).toEqual([expect.objectContaining({ rows: [{ id: `site:${site}`, label: TEST_SITE_NAME, freed: 0, needed: 0, days: -6 }] })]);

  // A change that moves no one's place has no effect to show.
  const homeLonger = arrivals(rules);
  homeLonger.rules[1].event.params = { days: 10 };
  expect(await effectsOf(homeLonger)).toEqual([]);
});
