/**
 * The seed's "严格落实第九版防控方案" (enforce the national 9th-edition plan), as the arrival rules
 * decide it. The plan's figures: from a high-risk area 7 days of centralized quarantine with tests on
 * days 1, 2, 3, 5 and 7; from a medium-risk area 7 days of home quarantine with tests on days 1, 4
 * and 7; from a low-risk area 2 tests within 3 days; no period of home health monitoring after any.
 */
import { compileRuleSet, evaluateRuleSet } from '../../../rules/engine';
import { processLibrary } from '../processes';
import { builtInRuleSets } from './index';

const ruleSet = (key: string) => compileRuleSet(builtInRuleSets.find((d) => d.key === key)!);
const arrival = ruleSet('arrival-classification');
const schedule = ruleSet('quarantine-test-schedule');
const base = { originRisk: 'none', itineraryRisk: 'none', healthCode: 'green', testResult: 'negative', testAgeHours: 12, age: 35 };

/** The days a person is tested on, walking the schedule rules day by day as the process does. */
async function testedDays(plan: { days: number; testDays: number[] }): Promise<number[]> {
  const tested: number[] = [];
  for (let day = 1; day <= plan.days; day++) {
    const { outcome } = await evaluateRuleSet(schedule, { day, days: plan.days, testDays: plan.testDays, missedTests: 0 });
    if (outcome === 'test-due' || outcome === 'final-test') tested.push(day);
    if (outcome === 'final-test') break;
  }
  return tested;
}

async function planFor(facts: Record<string, unknown>) {
  const { outcome, events } = await evaluateRuleSet(arrival, { ...base, ...facts });
  const params = events[0].params as { days: number; testDays: number[] };
  return { outcome, params, tested: await testedDays(params) };
}

describe('严格落实第九版防控方案: arrivals', () => {
  test('高风险区: 7天集中隔离, 第1、2、3、5、7天各1次核酸 (7 days centralized quarantine, tests on days 1, 2, 3, 5, 7)', async () => {
    for (const facts of [{ originRisk: 'high' }, { itineraryRisk: 'high' }]) {
      const { outcome, params, tested } = await planFor(facts);
      expect(outcome).toBe('centralized-quarantine');
      expect(params).toMatchObject({ days: 7, quarantineDuration: 'P7D' });
      expect(tested).toEqual([1, 2, 3, 5, 7]);
    }
  });

  test('高风险区, 不宜集中隔离的老幼: 居家隔离, the same test days as centralized quarantine', async () => {
    for (const age of [8, 75]) {
      const { outcome, tested } = await planFor({ originRisk: 'high', age });
      expect(outcome).toBe('home-quarantine');
      expect(tested).toEqual([1, 2, 3, 5, 7]);
    }
  });

  test('中风险区: 7天居家隔离, 第1、4、7天各1次核酸 (7 days home quarantine, tests on days 1, 4, 7)', async () => {
    const { outcome, params, tested } = await planFor({ originRisk: 'medium' });
    expect(outcome).toBe('home-quarantine');
    expect(params).toMatchObject({ days: 7, quarantineDuration: 'P7D' });
    expect(tested).toEqual([1, 4, 7]);
  });

  test('低风险区: 3天2检 (2 tests within 3 days, a day apart or more)', async () => {
    const { outcome, params, tested } = await planFor({ originRisk: 'low' });
    expect(outcome).toBe('arrival-tests');
    expect(params.days).toBe(3);
    expect(tested).toHaveLength(2);
    expect(tested[1] - tested[0]).toBeGreaterThanOrEqual(1);
    expect(Math.max(...tested)).toBeLessThanOrEqual(3);
  });

  test('no home health monitoring the plan does not have: no rule gives one, the process has no such step', async () => {
    const def = builtInRuleSets.find((d) => d.key === 'arrival-classification');
    const params = def?.kind === 'rules' ? def.rules.map((r) => Object.keys(r.event.params ?? {})) : [];
    expect(params.flat().filter((k) => /monitor/i.test(k))).toEqual([]);
    const process = processLibrary.find((p) => p.key === 'arrival-screening')!;
    expect(process.nodes.filter((n) => /monitor/i.test(n.id))).toEqual([]);
    expect(process.nodes.map((n) => n.type === 'end' && n.outcome).filter(Boolean)).toEqual(['released', 'hospital-transfer']);
  });
});

describe('区防控办要时刻关注最新中高风险地区情况: the risk-area list', () => {
  const list = builtInRuleSets.find((d) => d.key === 'risk-areas');
  const day = 86_400_000;
  const t0 = Date.UTC(2022, 8, 9);

  test('ships empty (the list changes daily): every area is not listed', async () => {
    expect((await evaluateRuleSet(ruleSet('risk-areas'), { area: '上海市浦东新区', now: t0 })).outcome).toBe('not-listed');
  });

  test('an area added with its level decides only while in effect', async () => {
    const edited = structuredClone(list!);
    if (edited.kind !== 'table') throw new Error('risk-areas is a table');
    edited.table.rows.unshift({ id: 'pudong', cells: ['上海市浦东新区', t0, t0 + 7 * day], outcome: 'high', params: {} });
    const table = compileRuleSet(edited);
    const at = async (area: string, now: number) => (await evaluateRuleSet(table, { area, now })).outcome;
    expect(await at('上海市浦东新区', t0 + day)).toBe('high');
    expect(await at('上海市浦东新区', t0 - 1)).toBe('not-listed');
    expect(await at('上海市浦东新区', t0 + 7 * day)).toBe('not-listed');
    expect(await at('上海市黄浦区', t0 + day)).toBe('not-listed');
  });
});
