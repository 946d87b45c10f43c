/**
 * The impact preview at city scale: 100,000 recorded decisions of the built-in arrival
 * classification in server PostgreSQL (a scratch database, dropped at the end), previewed under a
 * draft that shortens home quarantine 7 → 5 days, through the service the API calls (cursor
 * batches, compiled evaluation, matrix). Target: under 2 s. Beside it, in the same rounds, the
 * same window only read through the cursor (the database's share): the ratio says what
 * evaluation and counting add. Rounds alternate which goes first; medians with min and max.
 * Run alone: npm run bench simulate
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import { builtInRuleSets } from '../domain/library/rulesets';
import { openDatabase } from '../engine/db/data-source';
import { DocumentService } from '../engine/documents/document.service';
import { DocumentStore } from '../engine/documents/document.store';
import { recordedDecisions } from '../engine/rulesets/decision-stream';
import { ruleSetKind } from '../engine/rulesets/ruleset.kind';
import { RulesetService } from '../engine/rulesets/ruleset.service';
import type { Services } from '../engine/services';
import { compileRuleSet, evaluateRuleSet } from '../rules/engine';
import type { RuleSet, RulesRuleSet } from '../rules/ruleset-schema';
import { adminUrl } from '../test/support/state';
import { factsFor } from './rule-set-workloads';

const DECISIONS = 100_000;
const ROUNDS = 5;
const KEY = 'arrival-classification';

export interface SimulateBench {
  decisions: number;
  rounds: number;
  /** Whole preview, ms of wall time. */
  preview: { median: number; min: number; max: number };
  /** The preview's CPU time in this process (user + system), ms: less moved by other load on a shared machine; the server's own work is not in it. */
  previewCpu: { median: number; min: number; max: number };
  /** The same window read through the cursor, nothing evaluated, ms. */
  read: { median: number; min: number; max: number };
  /** What the preview found, to check it did the work: decisions read, changed, params changed. */
  found: { total: number; changed: number; paramsChanged: number };
}

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};

/** Inserts the decisions as the decision activity records them (trace left empty: the preview never reads it). */
async function seedDecisions(client: Client, def: RuleSet): Promise<void> {
  const compiled = compileRuleSet(def);
  const facts = factsFor(def, 2_000, 15);
  const rows = [];
  for (let i = 0; i < DECISIONS; i++) {
    const e = await evaluateRuleSet(compiled, facts[i % facts.length]);
    rows.push({ case_id: `bench-case-${i}`, node_id: 'classify', visit: 1, ruleset_key: KEY, ruleset_version: 1, facts: e.facts, events: e.events, outcome: e.outcome });
  }
  for (let i = 0; i < rows.length; i += 10_000) {
    await client.query(
      `INSERT INTO decisions (case_id, node_id, visit, ruleset_key, ruleset_version, facts, events, outcome, trace)
       SELECT case_id, node_id, visit, ruleset_key, ruleset_version, facts, events, outcome, '[]'::jsonb
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, node_id text, visit int, ruleset_key text, ruleset_version int, facts jsonb, events jsonb, outcome text)`,
      [JSON.stringify(rows.slice(i, i + 10_000))],
    );
  }
}

export async function benchSimulate(): Promise<SimulateBench> {
  const name = `epiflow_bench_sim_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = adminUrl().replace(/\/[^/]*$/, `/${name}`);
  const log = pino({ level: 'warn' });
  const db = await openDatabase({ url, log });
  const seeder = new Client({ connectionString: url });
  try {
    await seeder.connect();
    const def = builtInRuleSets.find((d): d is RulesRuleSet => d.key === KEY && d.kind === 'rules');
    if (!def) throw new Error(`${KEY} missing`);
    const store = new DocumentStore<RuleSet>(db, 'ruleset');
    const documents = new DocumentService(store, ruleSetKind);
    await documents.create(def, 'bench');
    await documents.publish(KEY, { comment: 'bench' }, 'bench');
    await seedDecisions(seeder, def);
    await seeder.query('ANALYZE decisions');
    const draft = structuredClone(def);
    for (const rule of draft.rules.filter((r) => r.event.type === 'home-quarantine')) Object.assign(rule.event.params ?? {}, { days: 5, quarantineDuration: 'P5D' });
    await documents.saveDraft(KEY, draft, 'bench');

    // Only what the preview reads of the services: the database and the rule-set store.
    const rulesets = new RulesetService({ db, rulesets: store } as unknown as Services);
    const window = { days: 30, limit: DECISIONS, running: false };
    const preview = async () => rulesets.simulate(KEY, { draft: true }, window);
    const read = async () => {
      let n = 0;
      for await (const batch of recordedDecisions(db, { rulesetKey: KEY, since: new Date(Date.now() - 30 * 86_400_000), limit: DECISIONS })) n += batch.length;
      return n;
    };
    const found = await preview(); // warm-up: compiles the draft, warms the caches
    const previews: number[] = [];
    const previewCpu: number[] = [];
    const reads: number[] = [];
    const timed = async (f: () => Promise<unknown>, into: number[], cpu?: number[]) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await f();
      const c = process.cpuUsage(c0);
      into.push(performance.now() - t0);
      cpu?.push((c.user + c.system) / 1000);
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        await timed(preview, previews, previewCpu);
        await timed(read, reads);
      } else {
        await timed(read, reads);
        await timed(preview, previews, previewCpu);
      }
    }
    return { decisions: DECISIONS, rounds: ROUNDS, preview: spread(previews), previewCpu: spread(previewCpu), read: spread(reads), found: { total: found.total, changed: found.changed, paramsChanged: found.paramsChanged } };
  } finally {
    await seeder.end().catch(() => undefined);
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export function formatSimulateBench(r: SimulateBench): string {
  const ms = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
  return [
    `simulate     ${r.decisions.toLocaleString('en')} decisions: preview ${ms(r.preview)}${r.preview.median < 2000 ? '' : '  BELOW TARGET'} (target < 2000 ms)`,
    `             its CPU time in this process ${ms(r.previewCpu)}; cursor read alone ${ms(r.read)}; preview/read ${(r.preview.median / r.read.median).toFixed(2)}x; ${r.rounds} rounds; found ${r.found.changed} changed (${r.found.paramsChanged} params only) of ${r.found.total}`,
  ].join('\n');
}
