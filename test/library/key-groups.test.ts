/**
 * The key-group schedule on the real platform, as the seed asks it: "重点场所员工要落实'一天一检'"
 * (key-venue staff tested once a day) and "加强46类重点人群跟踪管理" (a table administrators extend).
 */
import type { TableRuleSet } from '../../rules/ruleset-schema';
import { useTestApp } from '../support/app';
import { startCase, waitFor } from '../support/processes';
import { publishRuleSet } from '../support/rules';
import { idNumber, libraryReady } from './library-support';

const KEY = 'key-group-testing';
const app = useTestApp({ ready: (started) => libraryReady(started, KEY) });
const member = (group: string) => ({ person: { idNumber: idNumber() }, group, maxCycles: 1, timeScale: 1 / 3600 });

test.each([['宾馆', 'hotel-staff'], ['养老院', 'care-home-staff'], ['商超', 'market-staff'], ['进口冷链 (第九版方案)', 'cold-chain-worker']])(
  '重点场所员工要落实“一天一检”: a %s member (%s) is given a 24-hour period',
  async (_seed, group) => {
    const id = await startCase(app, KEY, member(group));
    const waiting = await waitFor(app, id, 'running', 'awaitResult');
    expect(waiting.variables.freq).toMatchObject({ outcome: 'test-every', params: { intervalHours: 24, interval: 'PT24H' } });
    await app.api('POST', `/api/cases/${id}/cancel`);
  },
);

test('a person of no key group ends as not a key group', async () => {
  const done = await waitFor(app, await startCase(app, KEY, member('tourist')), 'completed');
  expect(done.outcome).toBe('not-a-key-group');
});

test('加强46类重点人群跟踪管理: an administrator adds a category with its labels and frequency; the next case takes it', async () => {
  const current = (await app.api('GET', '/api/rulesets/key-group-test-frequency')).body.published.definition as TableRuleSet;
  const group = current.facts.group;
  expect([group.enum?.length, group.enumTotal]).toEqual([expect.any(Number), 46]);
  const added = `courier-hub-staff-${idNumber().slice(-6)}`;
  const extended = structuredClone(current);
  extended.facts.group.enum = [...group.enum!, added];
  extended.facts.group.enumLabels = { ...group.enumLabels, [added]: { zh: '快递分拨中心从业人员', en: 'Courier-hub staff' } };
  (extended.table.rows.find((r) => r.id === 'daily-key-venue')!.cells[0] as string[]).push(added);
  await publishRuleSet(app, extended, 'a category of the 46 added', 'admin');

  const id = await startCase(app, KEY, member(added));
  const waiting = await waitFor(app, id, 'running', 'awaitResult');
  expect(waiting.variables.freq.params.intervalHours).toBe(24);
  await app.api('POST', `/api/cases/${id}/cancel`);
  // The published table now counts one more of the 46.
  const after = (await app.api('GET', '/api/rulesets/key-group-test-frequency')).body.published.definition as TableRuleSet;
  expect(after.facts.group.enum).toHaveLength(group.enum!.length + 1);
});
