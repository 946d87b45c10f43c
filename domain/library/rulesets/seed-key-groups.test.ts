/**
 * The seed on key groups: "加强46类重点人群跟踪管理，按规范做到'应检尽检'" (follow the 46 categories of
 * key groups, test everyone who should be tested) and "重点场所员工要落实'一天一检'" (key-venue staff are
 * tested once a day), with the places it names as key venues; the 9th-edition plan tests imported
 * cold-chain workers daily.
 */
import { compileRuleSet, evaluateRuleSet } from '../../../rules/engine';
import type { TableRuleSet } from '../../../rules/ruleset-schema';
import { builtInRuleSets } from './index';

const def = builtInRuleSets.find((d): d is TableRuleSet => d.key === 'key-group-test-frequency' && d.kind === 'table')!;
const table = compileRuleSet(def);
const hours = async (group: string, alertLevel = 'normal') => {
  const { outcome, events } = await evaluateRuleSet(table, { group, alertLevel });
  return outcome === 'test-every' ? events[0].params.intervalHours : outcome;
};

describe('重点场所员工要落实“一天一检”', () => {
  // Each key venue the seed names, by the words it names it with.
  test.each([
    ['两站一场一码头: 火车站', 'railway-station-staff'],
    ['两站一场一码头: 汽车站', 'bus-station-staff'],
    ['两站一场一码头: 机场', 'airport-staff'],
    ['两站一场一码头: 码头', 'port-worker'],
    ['商超', 'market-staff'],
    ['宾馆', 'hotel-staff'],
    ['景区', 'scenic-area-staff'],
    ['电影院', 'cinema-staff'],
    ['密闭场所', 'enclosed-venue-staff'],
    ['养老院', 'care-home-staff'],
    ['核酸检测点', 'testing-site-staff'],
    ['隔离点', 'quarantine-site-staff'],
  ])('%s (%s): tested every 24 hours, under any alert level', async (_seed, group) => {
    expect(await hours(group)).toBe(24);
    expect(await hours(group, 'elevated')).toBe(24);
  });

  test('第九版方案: imported cold-chain workers (逢进必检 closed loop) are tested daily', async () => {
    expect(await hours('cold-chain-worker')).toBe(24);
  });
});

describe('加强46类重点人群跟踪管理', () => {
  test('the other places the seed names have a category and a frequency: 零售药店, 医疗机构, 学校, 交通卡口', async () => {
    for (const group of ['pharmacy-staff', 'medical-staff', 'school-staff', 'highway-checkpoint-staff', 'fever-clinic-staff']) {
      expect([group, typeof (await hours(group))]).toEqual([group, 'number']);
    }
  });

  test('the table says how many of the 46 categories are defined, and labels each in zh and en', () => {
    const group = def.facts.group;
    expect(group.enumTotal).toBe(46);
    expect(group.enum!.length).toBeGreaterThanOrEqual(24);
    expect(group.enum!.length).toBeLessThanOrEqual(46);
    expect(Object.keys(group.enumLabels ?? {}).sort()).toEqual([...group.enum!].map(String).sort());
    for (const label of Object.values(group.enumLabels ?? {})) expect(label).toEqual({ zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.any(String) });
  });

  test('every listed category is in exactly one frequency row of the normal alert level, so each has a frequency', () => {
    const normalRows = def.table.rows.filter((r) => r.cells[1] === null);
    for (const value of def.facts.group.enum!) {
      expect([value, normalRows.filter((r) => (r.cells[0] as string[]).includes(String(value))).length]).toEqual([value, 1]);
    }
  });

  test('an administrator extends it: a new category added to the enum, its labels and a row decides at once', async () => {
    const extended = structuredClone(def);
    const group = extended.facts.group;
    group.enum = [...group.enum!, 'courier-hub-staff'];
    group.enumLabels = { ...group.enumLabels, 'courier-hub-staff': { zh: '快递分拨中心从业人员', en: 'Courier-hub staff' } };
    (extended.table.rows.find((r) => r.id === 'daily-key-venue')!.cells[0] as string[]).push('courier-hub-staff');
    const { outcome, events } = await evaluateRuleSet(compileRuleSet(extended), { group: 'courier-hub-staff' });
    expect([outcome, events[0].params.intervalHours]).toEqual(['test-every', 24]);
    expect(group.enum.length).toBe(def.facts.group.enum!.length + 1);
  });

  test('a group outside the table decides nothing (the process ends it as not a key group)', async () => {
    expect(await hours('tourist')).toBeNull();
  });
});
