import fs from 'node:fs';
import path from 'node:path';
import { builtinActivities } from '../../../engine/activities';
import { ActivityRegistry, type RegisteredActivity } from '../../../engine/activities/registry';
import type { RuleSet } from '../../../rules/ruleset-schema';
import { looksLikeDuration } from '../../../workflows/definition/duration';
import { validateDefinition } from '../../../workflows/definition/validate';
import { epidemicDomain } from '../..';
import { builtInRuleSets } from '../rulesets';
import { processLibrary } from './index';

const dir = __dirname;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
const declarations = [...builtinActivities, ...epidemicDomain.activities];
const activityNames = declarations.map((a) => a.name);
const activityInputs = new ActivityRegistry(declarations as RegisteredActivity[]).inputSchemas();

function outcomesOf(rs: RuleSet): string[] {
  return rs.kind === 'rules' ? rs.rules.map((r) => r.event.type) : rs.table.rows.map((r) => r.outcome);
}

describe('the process library', () => {
  it('ships the processes of docs/domain.md, each file listed in the index under its file name', () => {
    expect(processLibrary.map((d) => `${d.key}.json`).sort()).toEqual([...files].sort());
    expect(files).toHaveLength(12);
  });

  it.each(processLibrary.map((d) => [d.key, d] as const))('%s passes validateDefinition with the registered activities', (_key, def) => {
    expect(validateDefinition(def, { activities: activityNames, activityInputs })).toEqual([]);
  });

  it.each(files)('%s is pretty-printed JSON, so that changes diff line by line', (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it.each(processLibrary.map((d) => [d.key, d] as const))('%s decides only on built-in rule sets, by outcomes they can give', (_key, def) => {
    for (const node of def.nodes) {
      if (node.type !== 'decision') continue;
      const rs = builtInRuleSets.find((r) => r.key === node.ruleset);
      expect(rs).toBeDefined();
      const outcomes = def.edges.filter((e) => e.from === node.id && e.outcome).map((e) => e.outcome);
      for (const o of outcomes) expect(outcomesOf(rs!)).toContain(o);
    }
  });

  it.each(processLibrary.map((d) => [d.key, d] as const))('%s has no literal waits: each is computed from rules or variables (scaled by timeScale)', (_key, def) => {
    const waits = def.nodes.flatMap((n) =>
      n.type === 'timer' ? [n.duration ?? n.until] : n.type === 'event' ? [n.timeout] : n.type === 'task' ? [n.deadline] : [],
    );
    for (const w of waits.filter((x): x is string => x !== undefined)) expect(looksLikeDuration(w)).toBe(false);
  });

  it.each(processLibrary.map((d) => [d.key, d] as const))('%s reads every ladder offset from a rule set, scaled', (_key, def) => {
    for (const node of def.nodes) {
      const ladder = node.type === 'task' || node.type === 'event' || node.type === 'timer' ? node.ladder : undefined;
      if (!ladder) continue;
      expect(ladder.scale).toBeDefined();
      for (const step of ladder.steps) expect(typeof step.after).toBe('object');
    }
  });

  it.each(processLibrary.map((d) => [d.key, d] as const))('%s never reads, in an assign, another variable the same assign sets', (_key, def) => {
    // The store keeps definitions as jsonb, which does not keep key order: entries of one assign must stand alone.
    for (const node of def.nodes) {
      if (node.type !== 'assign') continue;
      for (const [target, source] of Object.entries(node.assign)) {
        for (const other of Object.keys(node.assign).filter((n) => n !== target)) expect(source).not.toMatch(new RegExp(`\\b${other}\\b`));
      }
    }
  });

  it('lets the months-long key-group process continue as new well before Temporal would stop it', () => {
    const keyGroup = processLibrary.find((d) => d.key === 'key-group-testing')!;
    expect(keyGroup.settings?.historyLimit).toBeLessThanOrEqual(1000);
  });
});
