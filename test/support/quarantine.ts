/** Quarantine places in tests: a site of the test's own, arrival rules, and a process whose cases take a place. */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { uniqueKey } from './app';
import { chain } from './processes';

export const TEST_SITE_NAME = { zh: '测试隔离点', en: 'Test site' };

/** A site in a district of its own (so only this test's cases are placed there), with 10 places. */
export async function testSite(db: DataSource): Promise<{ site: string; district: string }> {
  const district = `d${randomBytes(4).toString('hex')}`;
  const site = uniqueKey('site');
  await db.query(`INSERT INTO quarantine_sites (id, name, district, capacity, occupied, active) VALUES ($1, $2, $3, 10, 0, true)`, [site, TEST_SITE_NAME, district]);
  return { site, district };
}

/** Arrival rules: high risk to a site (or `highTo`) for `days`, medium risk home (or to a site too, when `mediumToSite`). */
export function arrivalRules(key: string, { highTo = 'centralized-quarantine', days = 7, mediumToSite = false } = {}): RulesRuleSet {
  const risk = (value: string) => ({ all: [{ fact: 'risk', operator: 'equal', value }] });
  return {
    key,
    name: { zh: key, en: key },
    kind: 'rules',
    facts: { risk: { type: 'string', enum: ['high', 'medium'] } },
    rules: [
      { name: 'high', conditions: risk('high'), event: { type: highTo, params: { days } } },
      { name: 'medium', conditions: risk('medium'), event: { type: mediumToSite ? 'centralized-quarantine' : 'home-quarantine', params: { days: 7 } } },
    ],
  };
}

/** Decides by `rules`; those sent to a site take a place in `district`; then everyone waits at the task `wait`. */
export function placingProcess(key: string, rules: string, district: string): ProcessDefinition {
  const def = chain(
    key,
    [
      { id: 'start', type: 'start' },
      { id: 'decide', type: 'decision', ruleset: rules, facts: { risk: 'risk' }, output: 'verdict' },
      { id: 'place', type: 'activity', activity: 'assignQuarantineSite', input: { subject: "'person'", district: `'${district}'` } },
      { id: 'wait', type: 'task', title: { zh: '隔离中', en: 'In quarantine' }, form: { type: 'object', properties: { note: { type: 'string' } } } },
      { id: 'end', type: 'end' },
    ],
    [{ from: 'decide', to: 'wait', default: true }],
  );
  def.edges = def.edges.map((e) => (e.from === 'decide' && e.to === 'place' ? { ...e, outcome: 'centralized-quarantine' } : e));
  return def;
}
